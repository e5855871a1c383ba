package io.github.berth.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.github.berth.engine.BerthException;
import io.github.berth.engine.Reporter;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * A connection to one Docker engine. This package is the only place that speaks docker-java; everything above it uses
 * Berth's own words and types.
 */
public final class DockerEngine implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final DockerEndpoint endpoint;
    private final DockerClient client;
    private final String serverVersion;

    private DockerEngine(DockerEndpoint endpoint, DockerClient client, String serverVersion) {
        this.endpoint = endpoint;
        this.client = client;
        this.serverVersion = serverVersion;
    }

    /**
     * Connects to the engine at {@code endpoint} and checks within five seconds that it answers.
     *
     * @throws BerthException naming the endpoint when the engine does not answer
     */
    public static DockerEngine connect(DockerEndpoint endpoint, Reporter reporter) {
        Objects.requireNonNull(endpoint, "endpoint");
        reporter.detail("Docker engine: " + endpoint);
        DockerClientConfig config = clientConfig(endpoint);
        String version = probe(endpoint, config);
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT)
                .maxConnections(64)
                .build();
        return new DockerEngine(endpoint, DockerClientImpl.getInstance(config, http), version);
    }

    private static DockerClientConfig clientConfig(DockerEndpoint endpoint) {
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(endpoint.host().toString())
                .withDockerTlsVerify(endpoint.tlsVerify());
        if (endpoint.certPath() != null) {
            builder.withDockerCertPath(endpoint.certPath().toString());
        }
        return builder.build();
    }

    private static String probe(DockerEndpoint endpoint, DockerClientConfig config) {
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT)
                .responseTimeout(CONNECT_TIMEOUT)
                .maxConnections(1)
                .build();
        try (DockerClient probe = DockerClientImpl.getInstance(config, http)) {
            return probe.versionCmd().exec().getVersion();
        } catch (RuntimeException | IOException e) {
            throw new BerthException(
                    "No Docker engine answers at " + endpoint + ": " + rootMessage(e)
                            + ". Start the engine, or point Berth at a running one with DOCKER_HOST or the dockerHost"
                            + " parameter (property berth.dockerHost).",
                    e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    public DockerEndpoint endpoint() {
        return endpoint;
    }

    /** The engine's own version, as it reports it. */
    public String serverVersion() {
        return serverVersion;
    }

    DockerClient client() {
        return client;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new BerthException("Cannot close the connection to the Docker engine at " + endpoint, e);
        }
    }
}
