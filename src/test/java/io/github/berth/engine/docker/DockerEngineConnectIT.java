package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connecting to the engine: the local one answers, and every way of not answering fails fast and says why. */
class DockerEngineConnectIT {

    @TempDir
    Path dir;

    private final RecordingReporter reporter = new RecordingReporter();

    @Test
    void connectsToTheLocalSocketAndLogsItAtDebug() {
        DockerEndpoint endpoint = new EndpointResolver(Map.of(), dir).resolve(null, null);

        try (DockerEngine engine = DockerEngine.connect(endpoint, reporter)) {

            assertThat(engine.serverVersion()).isNotBlank();
            assertThat(engine.isPodman()).isFalse();
        }
        assertThat(reporter.lines)
                .containsExactly("DEBUG Docker engine: unix:///var/run/docker.sock from the default local socket");
    }

    @Test
    void missingSocketFailsNamingTheSocketAndTheFix() {
        DockerEndpoint endpoint = new DockerEndpoint(URI.create("unix://" + dir + "/docker.sock"), false, null, "test");

        FailedConnect failure = FailedConnect.to(endpoint, reporter);

        assertThat(failure.message())
                .startsWith("No Docker engine at unix://" + dir + "/docker.sock from test: the socket does not exist")
                .endsWith(
                        "Start the engine (for example 'sudo systemctl start docker'), or point Berth at a running one"
                                + " with DOCKER_HOST or the dockerHost parameter (property berth.dockerHost).");
    }

    @Test
    void closedPortFailsNamingTheEndpointAndTheFix() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        DockerEndpoint endpoint = new DockerEndpoint(URI.create("tcp://127.0.0.1:" + port), false, null, "test");

        FailedConnect failure = FailedConnect.to(endpoint, reporter);

        assertThat(failure.message())
                .startsWith(
                        "No Docker engine at tcp://127.0.0.1:" + port + " from test: nothing listens on port " + port)
                .contains("Start the engine");
    }

    @Test
    void serverThatNeverAnswersFailsWithinFiveSeconds() throws IOException {
        try (SilentServer server = new SilentServer()) {
            DockerEndpoint endpoint =
                    new DockerEndpoint(URI.create("tcp://127.0.0.1:" + server.port()), false, null, "test");

            FailedConnect failure = FailedConnect.to(endpoint, reporter);

            assertThat(failure.elapsed()).isGreaterThan(Duration.ofSeconds(3));
            assertThat(failure.message())
                    .startsWith("The Docker engine at tcp://127.0.0.1:" + server.port()
                            + " from test did not answer within 5 s");
        }
    }

    /** Accepts connections on a loopback port and never sends a byte. */
    static final class SilentServer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        SilentServer() throws IOException {
            Thread acceptor = new Thread(this::accept, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            try {
                while (true) {
                    accepted.add(socket.accept());
                }
            } catch (IOException closed) {
                // the server was closed
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}
