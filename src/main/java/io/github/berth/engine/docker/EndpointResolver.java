package io.github.berth.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.berth.engine.ConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Finds the Docker engine to use. The first found wins: an explicit host, {@code DOCKER_HOST} (with
 * {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH}), the current Docker CLI context, the local socket. As for the
 * Docker CLI, {@code DOCKER_TLS_VERIFY} set to any value turns TLS on, and a context talks TLS when it holds TLS
 * material.
 */
public final class EndpointResolver {

    static final URI LOCAL_SOCKET = URI.create("unix:///var/run/docker.sock");

    private final Map<String, String> environment;
    private final Path dockerConfigDir;

    /**
     * @param environment the process environment to read {@code DOCKER_*} variables from
     * @param dockerConfigDir the Docker CLI configuration folder, usually {@code ~/.docker}
     */
    public EndpointResolver(Map<String, String> environment, Path dockerConfigDir) {
        this.environment = Map.copyOf(environment);
        this.dockerConfigDir = dockerConfigDir;
    }

    /** A resolver reading this process's environment and the user's {@code ~/.docker}. */
    public static EndpointResolver fromSystem() {
        Map<String, String> env = System.getenv();
        String configDir = env.get("DOCKER_CONFIG");
        Path dir = configDir != null && !configDir.isBlank()
                ? Path.of(configDir)
                : Path.of(System.getProperty("user.home"), ".docker");
        return new EndpointResolver(env, dir);
    }

    /**
     * @param explicitHost the host the user configured for Berth itself, or {@code null}
     * @param explicitCertPath certificates for {@code explicitHost}, or {@code null}
     */
    public DockerEndpoint resolve(String explicitHost, Path explicitCertPath) {
        if (explicitHost != null && !explicitHost.isBlank()) {
            String source = "plugin parameter dockerHost";
            return endpoint(parseHost(explicitHost, source), explicitCertPath, source);
        }
        String envHost = environment.get("DOCKER_HOST");
        if (envHost != null && !envHost.isBlank()) {
            Path certs = isSet(environment.get("DOCKER_TLS_VERIFY")) ? certPathFromEnvironment() : null;
            return endpoint(parseHost(envHost, "DOCKER_HOST"), certs, "DOCKER_HOST");
        }
        DockerEndpoint fromContext = fromCliContext();
        if (fromContext != null) {
            return fromContext;
        }
        return new DockerEndpoint(LOCAL_SOCKET, false, null, "the default local socket");
    }

    /** TLS applies to TCP only; a socket ignores certificates, as it does for the Docker CLI. */
    private static DockerEndpoint endpoint(URI host, Path certs, String source) {
        boolean tls = certs != null && "tcp".equals(host.getScheme());
        return new DockerEndpoint(host, tls, tls ? certs : null, source);
    }

    private Path certPathFromEnvironment() {
        String value = environment.get("DOCKER_CERT_PATH");
        return value != null && !value.isBlank() ? Path.of(value) : dockerConfigDir;
    }

    private DockerEndpoint fromCliContext() {
        String name = environment.get("DOCKER_CONTEXT");
        String origin = "DOCKER_CONTEXT";
        if (name == null || name.isBlank()) {
            name = currentContextFromConfig();
            origin = dockerConfigDir.resolve("config.json").toString();
        }
        if (name == null || name.isBlank() || name.equals("default")) {
            return null;
        }
        String id = sha256(name);
        Path meta = dockerConfigDir.resolve("contexts/meta").resolve(id).resolve("meta.json");
        if (!Files.isRegularFile(meta)) {
            throw new ConfigurationException(origin + " names Docker CLI context '" + name + "', which is not defined"
                    + " (no " + meta + "); switch with 'docker context use default', create it, or set DOCKER_HOST");
        }
        JsonNode docker = readJson(meta).path("Endpoints").path("docker");
        String host = docker.path("Host").asText("");
        String description = "Docker CLI context '" + name + "'";
        if (host.isEmpty()) {
            throw new ConfigurationException(description + " (" + meta + ") names no Docker endpoint; fix the"
                    + " context with 'docker context update' or set DOCKER_HOST");
        }
        if (docker.path("SkipTLSVerify").asBoolean(false)) {
            throw new ConfigurationException(description + " (" + meta + ") skips the verification of the engine's"
                    + " certificate, which Berth never does; give the context the engine's CA with 'docker context"
                    + " update " + name + " --docker host=" + host + ",ca=CA.pem,cert=CERT.pem,key=KEY.pem' or set"
                    + " DOCKER_HOST, DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH");
        }
        Path tlsDir = dockerConfigDir.resolve("contexts/tls").resolve(id).resolve("docker");
        return endpoint(parseHost(host, description), Files.isDirectory(tlsDir) ? tlsDir : null, description);
    }

    private String currentContextFromConfig() {
        Path config = dockerConfigDir.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            return null;
        }
        return readJson(config).path("currentContext").asText(null);
    }

    private static JsonNode readJson(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigurationException(
                    "Cannot read Docker CLI configuration " + file + ": " + e.getMessage()
                            + "; repair or remove the file, or set DOCKER_HOST",
                    e);
        }
    }

    static URI parseHost(String value, String source) {
        URI uri;
        try {
            uri = URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(
                    "Docker host '" + value + "' from " + source + " is not a URI; use unix:///path or tcp://host:port",
                    e);
        }
        String scheme = uri.getScheme();
        if ("unix".equals(scheme) || "npipe".equals(scheme)) {
            return uri;
        }
        if ("tcp".equals(scheme) || "http".equals(scheme) || "https".equals(scheme)) {
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new ConfigurationException(
                        "Docker host '" + value + "' from " + source + " lacks a host or port; use tcp://host:port");
            }
            return URI.create("tcp://" + uri.getHost() + ":" + uri.getPort());
        }
        throw new ConfigurationException("Docker host '" + value + "' from " + source
                + " has an unsupported scheme; use unix:///path or tcp://host:port");
    }

    /** Set to anything at all, as the Docker CLI reads {@code DOCKER_TLS_VERIFY}. */
    private static boolean isSet(String value) {
        return value != null && !value.isEmpty();
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
