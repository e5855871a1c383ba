package io.github.berth.engine.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/** One look at a published port: does it answer as a readiness check wants. */
final class Probes {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    /** How long a fresh connection must stay open to count as accepted by the service. */
    private static final int SETTLE_MILLIS = 200;

    /**
     * The outcome of one probe.
     *
     * @param passed whether the check passed
     * @param observation what was seen, for the message when the check times out
     */
    record Outcome(boolean passed, String observation) {
        static Outcome pass() {
            return new Outcome(true, "");
        }

        static Outcome pending(String observation) {
            return new Outcome(false, observation);
        }
    }

    /**
     * Asks for the check's path once, on a connection of its own, following no redirect. {@link HttpURLConnection}
     * rather than {@code java.net.http}: the latter takes a few tenths of a second to load in a fresh JVM, paid while
     * the first services wait.
     */
    Outcome http(ReadinessCheck.Http check, String host, int hostPort) {
        HttpURLConnection connection = null;
        try {
            connection =
                    (HttpURLConnection) URI.create("http://" + PortSpec.urlHost(host) + ":" + hostPort + check.path())
                            .toURL()
                            .openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) REQUEST_TIMEOUT.toMillis());
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestProperty("Connection", "close");
            int status = connection.getResponseCode();
            if (status < check.minStatus() || status > check.maxStatus()) {
                return Outcome.pending("status " + status);
            }
            if (check.bodyPattern() != null
                    && !Pattern.compile(check.bodyPattern())
                            .matcher(body(connection))
                            .find()) {
                return Outcome.pending("status " + status + " with a body not matching");
            }
            return Outcome.pass();
        } catch (IOException e) {
            return Outcome.pending("no answer: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static String body(HttpURLConnection connection) throws IOException {
        InputStream stream =
                connection.getResponseCode() >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (stream == null) {
            return "";
        }
        try (InputStream in = stream) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Connects to the container's own address, where no port proxy stands between: an accepted connection means that
     * the service listens, and a refused one that it does not yet.
     */
    Outcome tcpDirect(String ip, int containerPort) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, containerPort), (int) CONNECT_TIMEOUT.toMillis());
            return Outcome.pass();
        } catch (IOException e) {
            return Outcome.pending("nothing accepts at " + PortSpec.urlHost(ip) + ":" + containerPort + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()) + ")");
        }
    }

    /** The name of this machine's network interface that holds {@code ip}, an address literal, if one does. */
    static Optional<String> interfaceWith(String ip) {
        if (ip.isEmpty() || !ip.chars().allMatch(c -> c == '.' || c == ':' || Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(NetworkInterface.getByInetAddress(InetAddress.getByName(ip)))
                    .map(NetworkInterface::getName);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Connects to the published port. The engine's port proxy accepts connections even when nothing in the container
     * listens and then closes them at once, so a connection only counts when it stays open for a moment or yields data.
     */
    Outcome tcp(String host, int hostPort) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, hostPort), (int) CONNECT_TIMEOUT.toMillis());
            socket.setSoTimeout(SETTLE_MILLIS);
            InputStream in = socket.getInputStream();
            try {
                return in.read() < 0 ? Outcome.pending("connection closed at once") : Outcome.pass();
            } catch (SocketTimeoutException e) {
                return Outcome.pass();
            }
        } catch (IOException e) {
            return Outcome.pending(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }
}
