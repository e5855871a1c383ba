package io.github.berth.engine.docker;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the Docker engine is and how to talk to it.
 *
 * @param host {@code unix:///path} or {@code tcp://host:port}
 * @param tlsVerify whether to verify the engine's certificate (and present ours) over TLS
 * @param certPath the folder holding {@code ca.pem}, {@code cert.pem} and {@code key.pem}; {@code null} without TLS
 * @param source how the endpoint was found, for diagnostics ("plugin parameter dockerHost", "DOCKER_HOST", ...)
 */
public record DockerEndpoint(URI host, boolean tlsVerify, Path certPath, String source) {

    public DockerEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(source, "source");
    }

    /** Whether the engine runs on this machine and shares its file system. */
    public boolean isLocal() {
        return "unix".equals(host.getScheme()) || "npipe".equals(host.getScheme());
    }

    /** The host name at which ports published by the engine are reached. */
    public String publishedHost() {
        if (isLocal()) {
            return "127.0.0.1";
        }
        String name = host.getHost();
        return name == null || name.isEmpty() ? "127.0.0.1" : name;
    }

    @Override
    public String toString() {
        return host + (tlsVerify ? " (TLS)" : "") + " from " + source;
    }
}
