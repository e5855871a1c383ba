package io.github.berth.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.SSLConfig;
import io.github.berth.engine.BerthException;
import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.Reporter;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * A connection to one Docker engine. This package is the only place that speaks docker-java; everything above it uses
 * Berth's own words and types.
 */
public final class DockerEngine implements AutoCloseable {

    /** How long opening a connection (TCP and TLS handshake) may take. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(4);

    /** How long the first answer may take; with the time to make the client, a failed connect ends within 5 s. */
    static final Duration PROBE_TIMEOUT = Duration.ofMillis(4500);

    /** Requests that may run at once: the parallel steps of a build or a cluster each hold one. */
    private static final int CONNECTIONS = 64;

    /**
     * What a socket's transport gets for TLS, and never uses. docker-java prepares TLS for every transport and, given
     * none, loads the JVM's default context and trust store, a fifth of a second in a fresh JVM; given one, it only
     * keeps it, and a socket never asks for it.
     */
    private static final SSLContext SOCKETS_NEED_NO_TLS = new SSLContext(null, null, "none") {};

    private final DockerEndpoint endpoint;
    private final DockerHttpClient http;
    private final boolean podman;
    private DockerClient client;
    private Version version;

    private DockerEngine(DockerEndpoint endpoint, DockerHttpClient http, boolean podman) {
        this.endpoint = endpoint;
        this.http = http;
        this.podman = podman;
    }

    /**
     * Connects to the engine at {@code endpoint} and checks within five seconds that it answers.
     *
     * @throws ConfigurationException when the endpoint's TLS files are missing or unreadable
     * @throws BerthException naming the endpoint and the fix when the engine does not answer, or its certificate does
     *     not pass verification
     */
    public static DockerEngine connect(DockerEndpoint endpoint, Reporter reporter) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(reporter, "reporter");
        EngineJson.warmUp();
        reporter.detail("Docker engine: " + endpoint);
        warnAboutWeakSecurity(endpoint, reporter);
        if (endpoint.tlsVerify() && endpoint.verifyHostName()) {
            warmUpTransport(endpoint);
        }
        TlsMaterial tls = endpoint.tlsVerify() ? TlsMaterial.load(endpoint) : null;

        DockerHttpClient http = transport(endpoint, tls);
        boolean podman = probe(endpoint, tls, http);
        return new DockerEngine(endpoint, http, podman);
    }

    private static void warnAboutWeakSecurity(DockerEndpoint endpoint, Reporter reporter) {
        if (endpoint.tlsVerify() && !endpoint.verifyHostName()) {
            reporter.warning("Not checking that the certificate of the Docker engine at " + endpoint
                    + " names its host (berth.dockerTlsVerifyHostName=false): any server holding a certificate from"
                    + " the same CA can pose as the engine");
        } else if (!endpoint.isLocal() && !endpoint.tlsVerify() && !isLoopback(endpoint)) {
            reporter.warning("Talking to the Docker engine at " + endpoint + " without TLS: anyone who reaches its"
                    + " port controls it; set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH (or the dockerCertPath"
                    + " parameter)");
        }
    }

    private static boolean isLoopback(DockerEndpoint endpoint) {
        String host = endpoint.host().getHost();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    private static DockerClientConfig clientConfig(DockerEndpoint endpoint) {
        return DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(endpoint.host().toString())
                .withDockerTlsVerify(false)
                .build();
    }

    /** A transport that waits for answers as long as they take: builds and stops take long by nature. */
    private static DockerHttpClient transport(DockerEndpoint endpoint, TlsMaterial tls) {
        if ("unix".equals(endpoint.host().getScheme())) {
            return new UnixSocketTransport(Path.of(endpoint.host().getPath()));
        }
        if (tls != null && !endpoint.verifyHostName()) {
            return new HostNameUncheckedTransport(
                    endpoint.host(), tls.getSSLContext(), CONNECT_TIMEOUT, null, CONNECTIONS);
        }
        return apacheTransport(endpoint, tls == null && endpoint.isLocal() ? () -> SOCKETS_NEED_NO_TLS : tls);
    }

    private static DockerHttpClient apacheTransport(DockerEndpoint endpoint, SSLConfig ssl) {
        return new ApacheDockerHttpClient.Builder()
                .dockerHost(endpoint.host())
                .sslConfig(ssl)
                .connectionTimeout(CONNECT_TIMEOUT)
                // Zero waits for ever. Unset, a TLS connection keeps the connect timeout of its handshake for reading.
                .responseTimeout(Duration.ZERO)
                .maxConnections(CONNECTIONS)
                .build();
    }

    /**
     * Makes, and drops unused, a TLS transport to the same host on a thread of its own, with a context that trusts
     * nothing: its classes and HttpClient's list of public suffixes, a tenth of a second and more in a fresh JVM, then
     * load on another core while this thread reads the certificates. Making a transport opens no connection.
     */
    private static void warmUpTransport(DockerEndpoint endpoint) {
        Thread thread = new Thread(
                () -> {
                    try {
                        SSLContext trustsNothing = SSLContext.getInstance("TLS");
                        trustsNothing.init(new KeyManager[0], new TrustManager[0], null);
                        closeQuietly(apacheTransport(endpoint, () -> trustsNothing));
                    } catch (GeneralSecurityException | RuntimeException e) {
                        // only a warm-up: making the real transport reports what goes wrong
                    }
                },
                "berth-transport-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Pings the engine through {@code http}, giving up {@link #PROBE_TIMEOUT} after the request starts whatever the
     * transport does, and closes the transport when the engine does not answer. A ping, not the version: Podman
     * answers the version by running its runtime's binaries, which takes seconds when the machine is busy. The
     * transport is made before the clock starts, as loading its classes in a fresh JVM on a busy machine takes
     * seconds that say nothing about the engine; every later request goes through it.
     *
     * @return whether the engine is Podman's, as its answer says
     */
    private static boolean probe(DockerEndpoint endpoint, TlsMaterial tls, DockerHttpClient http) {
        ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "berth-engine-probe");
            thread.setDaemon(true);
            return thread;
        });
        boolean answered = false;
        try {
            boolean podman = worker.submit(() -> new DirectRequests(http).ping())
                    .get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            answered = true;
            return podman;
        } catch (TimeoutException e) {
            throw ConnectionFailure.silent(endpoint, e);
        } catch (ExecutionException e) {
            throw ConnectionFailure.diagnose(endpoint, tls, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException("Interrupted while connecting to the Docker engine at " + endpoint, e);
        } finally {
            if (!answered) {
                closeQuietly(http);
            }
            worker.shutdownNow();
        }
    }

    /** Closing the transport also ends a request still waiting for an answer. */
    private static void closeQuietly(DockerHttpClient http) {
        try {
            http.close();
        } catch (IOException e) {
            // the engine did not answer; the connection is discarded either way
        }
    }

    public DockerEndpoint endpoint() {
        return endpoint;
    }

    /** The engine's own version, as it reports it. */
    public String serverVersion() {
        return version().getVersion();
    }

    /** Whether the engine is Podman's Docker-compatible service rather than Docker's own, as its ping said. */
    public boolean isPodman() {
        return podman;
    }

    private synchronized Version version() {
        if (version == null) {
            version = client().versionCmd().exec();
        }
        return version;
    }

    /**
     * Starts making docker-java's client on a thread of its own, for a goal that is sure to need it: its classes load
     * on another core while this thread goes on. Whoever asks for the client meanwhile waits for that thread.
     */
    public void prepareClient() {
        Thread thread = new Thread(this::client, "berth-client-setup");
        thread.setDaemon(true);
        thread.start();
    }

    /** docker-java's client on this engine's transport, made on first use. */
    synchronized DockerClient client() {
        if (client == null) {
            client = DockerClientImpl.getInstance(clientConfig(endpoint), http);
        }
        return client;
    }

    /** The transport under {@link #client()}, for the few requests docker-java does not know. */
    DockerHttpClient http() {
        return http;
    }

    @Override
    public synchronized void close() {
        try {
            if (client != null) {
                client.close();
            } else {
                http.close();
            }
        } catch (IOException e) {
            throw new BerthException("Cannot close the connection to the Docker engine at " + endpoint, e);
        }
    }
}
