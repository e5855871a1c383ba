package io.github.berth.engine.docker;

import io.github.berth.engine.ConfigurationException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the Docker engine is and how to talk to it.
 *
 * @param host {@code unix:///path} or {@code tcp://host:port}
 * @param tlsVerify whether to talk TLS and verify the engine's certificate against {@code ca.pem}
 * @param certPath the folder holding {@code ca.pem} and, when the engine asks for a client certificate,
 *     {@code cert.pem} and {@code key.pem}; {@code null} without TLS
 * @param source how the endpoint was found, for diagnostics ("plugin parameter dockerHost", "DOCKER_HOST", ...)
 * @param verifyHostName whether the engine's certificate must name the host in {@code host}; only ever turned off on
 *     the user's explicit request
 */
public record DockerEndpoint(URI host, boolean tlsVerify, Path certPath, String source, boolean verifyHostName) {

    public DockerEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(source, "source");
        if (tlsVerify) {
            Objects.requireNonNull(certPath, "certPath");
        }
    }

    /** An endpoint whose certificate, when it talks TLS, must name its host. */
    public DockerEndpoint(URI host, boolean tlsVerify, Path certPath, String source) {
        this(host, tlsVerify, certPath, source, true);
    }

    /** This endpoint, with the check that the engine's certificate names its host turned off. */
    public DockerEndpoint withoutHostNameCheck() {
        return new DockerEndpoint(host, tlsVerify, certPath, source, false);
    }

    /**
     * Whether the engine runs on this machine and shares its file system. Only a local socket counts: an engine reached
     * over TCP is treated as remote even on a loopback address, because such a port is often forwarded from elsewhere.
     */
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

    /**
     * Refuses a bind mount of {@code hostPath} unless the engine shares this machine's file system.
     *
     * @param user who asks for the mount, as the user knows it ("service 'db'")
     * @param hostPath the path on this machine that would be mounted
     * @throws ConfigurationException naming the user, the path and the engine when the engine is remote
     */
    public void requireSharedFileSystem(String user, Path hostPath) {
        if (!isLocal()) {
            throw new ConfigurationException(
                    user + " mounts " + hostPath + " from this machine, but the Docker engine at "
                            + this + " runs elsewhere and cannot see that path. Copy the files into the image instead"
                            + " (# %include in its Dockerfile), or use an engine on this machine (a unix socket).");
        }
    }

    @Override
    public String toString() {
        return host + (tlsVerify ? " (TLS)" : "") + " from " + source;
    }
}
