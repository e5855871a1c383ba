package io.github.berth.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Single looks at loopback ports the test opens itself, as readiness checks take them. */
class ProbesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Probes probes = new Probes();
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void httpPassesOnAStatusInRangeWithAMatchingBody() throws Exception {
        int port = serve(200, "{\"status\":\"UP\"}");

        Probes.Outcome outcome =
                probes.http(new ReadinessCheck.Http(80, "/health", 200, 299, "\"UP\"", TIMEOUT), "127.0.0.1", port);

        assertThat(outcome.passed()).isTrue();
    }

    @Test
    void httpWaitsWhileTheStatusIsOutOfRange() throws Exception {
        int port = serve(503, "starting");

        Probes.Outcome outcome =
                probes.http(new ReadinessCheck.Http(80, "/health", 200, 299, null, TIMEOUT), "127.0.0.1", port);

        assertThat(outcome).isEqualTo(Probes.Outcome.pending("status 503"));
    }

    @Test
    void httpWaitsWhileTheBodyDoesNotMatch() throws Exception {
        int port = serve(200, "{\"status\":\"DOWN\"}");

        Probes.Outcome outcome =
                probes.http(new ReadinessCheck.Http(80, "/health", 200, 299, "\"UP\"", TIMEOUT), "127.0.0.1", port);

        assertThat(outcome).isEqualTo(Probes.Outcome.pending("status 200 with a body not matching"));
    }

    @Test
    void httpTakesARedirectAsItsStatusWithoutFollowingIt() throws Exception {
        int port = serve(302, "moved");

        Probes.Outcome outcome =
                probes.http(new ReadinessCheck.Http(80, "/health", 200, 299, null, TIMEOUT), "127.0.0.1", port);

        assertThat(outcome).isEqualTo(Probes.Outcome.pending("status 302"));
    }

    @Test
    void httpMatchesTheBodyOfAnErrorStatusInRange() throws Exception {
        int port = serve(404, "no such page");

        Probes.Outcome outcome =
                probes.http(new ReadinessCheck.Http(80, "/missing", 404, 404, "no such", TIMEOUT), "127.0.0.1", port);

        assertThat(outcome.passed()).isTrue();
    }

    @Test
    void httpWaitsWhileNothingListens() throws Exception {
        int port = freePort();

        Probes.Outcome outcome =
                probes.http(new ReadinessCheck.Http(80, "/", 200, 299, null, TIMEOUT), "127.0.0.1", port);

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.observation()).startsWith("no answer: ");
    }

    @Test
    void tcpPassesWhenTheConnectionStaysOpen() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            assertThat(probes.tcp("127.0.0.1", listening.getLocalPort()).passed())
                    .isTrue();
        }
    }

    @Test
    void tcpWaitsWhenTheConnectionIsClosedAtOnce() throws Exception {
        try (ServerSocket proxy = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread closer = new Thread(() -> {
                try (Socket accepted = proxy.accept()) {
                    // closed at once, as the engine's port proxy does while nothing listens in the container
                } catch (IOException e) {
                    // the test ends either way
                }
            });
            closer.start();

            Probes.Outcome outcome = probes.tcp("127.0.0.1", proxy.getLocalPort());

            closer.join();
            assertThat(outcome).isEqualTo(Probes.Outcome.pending("connection closed at once"));
        }
    }

    @Test
    void tcpWaitsWhileNothingListens() throws Exception {
        assertThat(probes.tcp("127.0.0.1", freePort()).passed()).isFalse();
    }

    @Test
    void aDirectTcpProbePassesOnceAConnectionIsAcceptedWithoutWaitingForItToStayOpen() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            assertThat(probes.tcpDirect("127.0.0.1", listening.getLocalPort())).isEqualTo(Probes.Outcome.pass());
        }
    }

    @Test
    void aDirectTcpProbeWaitsWhileNothingListensAndSaysWhere() throws Exception {
        int port = freePort();

        Probes.Outcome outcome = probes.tcpDirect("127.0.0.1", port);

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.observation()).startsWith("nothing accepts at 127.0.0.1:" + port + " (ConnectException");
    }

    @Test
    void theInterfaceHoldingAnAddressIsFoundOnlyForAnAddressOfThisMachine() throws Exception {
        assertThat(Probes.interfaceWith("127.0.0.1"))
                .contains(NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress())
                        .getName());
        // 192.0.2.0/24 is reserved for documentation: no machine has it.
        assertThat(Probes.interfaceWith("192.0.2.1")).isEmpty();
        assertThat(Probes.interfaceWith("")).isEmpty();
        // A name is never looked up.
        assertThat(Probes.interfaceWith("localhost")).isEmpty();
    }

    private int serve(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (status / 100 == 3) {
                exchange.getResponseHeaders().add("Location", "/elsewhere");
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
