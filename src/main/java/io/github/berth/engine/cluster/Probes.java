package io.github.berth.engine.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/** One look at a published port: does it answer as a readiness check wants. */
final class Probes {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    /** How long a fresh connection must stay open to count as accepted by the service. */
    private static final int SETTLE_MILLIS = 200;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

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

    Outcome http(ReadinessCheck.Http check, String host, int hostPort) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + hostPort + check.path()))
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return Outcome.pending("no answer: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        int status = response.statusCode();
        if (status < check.minStatus() || status > check.maxStatus()) {
            return Outcome.pending("status " + status);
        }
        if (check.bodyPattern() != null
                && !Pattern.compile(check.bodyPattern())
                        .matcher(response.body())
                        .find()) {
            return Outcome.pending("status " + status + " with a body not matching");
        }
        return Outcome.pass();
    }

    /**
     * Connects to the port. The engine's port proxy accepts connections even when nothing in the container listens
     * and then closes them at once, so a connection only counts when it stays open for a moment or yields data.
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

    static Outcome log(ReadinessCheck.Log check, String output) {
        return Pattern.compile(check.pattern(), Pattern.MULTILINE)
                        .matcher(output)
                        .find()
                ? Outcome.pass()
                : Outcome.pending("no matching line in " + output.lines().count() + " lines of output");
    }
}
