package io.github.berth.engine.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An engine of a test's own, started and stopped by {@code .ci/alt-engine}: {@code dockerd} in a network namespace of
 * its own, reached over TCP as if on another machine, or Podman's Docker-compatible service on a unix socket. It shares nothing with the engine at
 * {@code /var/run/docker.sock}. Closing it stops the engine and removes its folder.
 */
public final class TestEngine implements AutoCloseable {

    private static final Path SCRIPT = Path.of(".ci/alt-engine").toAbsolutePath();

    /** How a {@code dockerd} secures its TCP port. */
    enum Security {
        /** TLS, and clients must present a certificate signed by the engine's CA ({@code --tlsverify}). */
        MUTUAL_TLS("mutual-tls"),
        /** TLS without client certificates ({@code --tls}). */
        SERVER_TLS("server-tls"),
        /** Plain HTTP. */
        PLAIN("plain");

        private final String option;

        Security(String option) {
            this.option = option;
        }
    }

    private final Path dir;
    private final Thread stopOnExit;
    private Path clientCerts;

    private TestEngine(Path dir) {
        this.dir = dir;
        this.stopOnExit = new Thread(this::stop, "stop-test-engine");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Makes the network namespace a {@code dockerd} will run in, so that certificates can name its addresses before it
     * starts; {@link #startDockerd} starts it.
     */
    static TestEngine network() {
        TestEngine engine = new TestEngine(newFolder());
        engine.run(List.of("network", engine.dir.toString()));
        return engine;
    }

    /** The engine's two addresses: the first for certificates to name, the second for a name they lack. */
    List<String> addresses() {
        try {
            return Files.readAllLines(dir.resolve("addresses"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code dockerd} in this engine's namespace, listening on both its addresses, and waits until it listens.
     *
     * @param serverCerts a folder with {@code ca.pem}, {@code cert.pem} and {@code key.pem} for the engine; ignored
     *     for {@link Security#PLAIN}
     */
    TestEngine startDockerd(Security security, Path serverCerts) {
        if (security != Security.PLAIN) {
            copyFolder(serverCerts, dir.resolve("server"));
        }
        run(List.of("dockerd", dir.toString(), security.option));
        return this;
    }

    /**
     * Starts a {@code dockerd} that asks clients for a certificate, with a CA, server and client certificate made under
     * {@code certs}; {@link #endpoint()} reaches it over verified TLS.
     */
    public static TestEngine mutualTls(Path certs) {
        TestEngine engine = network();
        String address = engine.addresses().get(0);
        TestCertificates.Issued ca = TestCertificates.authority("Berth test CA");
        TestCertificates.Issued server = TestCertificates.server(ca, List.of(address), List.of());
        engine.clientCerts = TestCertificates.writeFolder(certs.resolve("client"), ca, TestCertificates.client(ca));
        return engine.startDockerd(
                Security.MUTUAL_TLS, TestCertificates.writeFolder(certs.resolve("server"), ca, server));
    }

    /** How a client reaches this engine: over verified TLS for {@link #mutualTls}, else through Podman's socket. */
    public DockerEndpoint endpoint() {
        if (clientCerts != null) {
            return new DockerEndpoint(host(addresses().get(0)), true, clientCerts, "a test engine");
        }
        return new DockerEndpoint(socket(), false, null, "a test engine");
    }

    /** Starts Podman's Docker-compatible service, installing Podman when it is missing. */
    public static TestEngine podman() {
        TestEngine engine = new TestEngine(newFolder());
        engine.run(List.of("podman", engine.dir.toString()));
        return engine;
    }

    private void run(List<String> arguments) {
        String output = script(arguments);
        if (output != null) {
            close();
            throw new IllegalStateException("The test engine did not start: " + output);
        }
    }

    /** The {@code dockerd}'s address as {@code tcp://address:2376}. */
    URI host(String address) {
        return URI.create("tcp://" + address + ":2376");
    }

    /** Podman's socket as {@code unix:///path}. */
    URI socket() {
        return URI.create("unix://" + dir.resolve("podman.sock"));
    }

    String log() {
        try {
            return Files.readString(dir.resolve("engine.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            return; // the hook stops the engine
        }
        stop();
    }

    private void stop() {
        String output = script(List.of("stop", dir.toString()));
        if (output != null) {
            throw new IllegalStateException("Cannot stop the test engine in " + dir + ": " + output);
        }
    }

    /** Runs the script; returns {@code null} on success, else its output. */
    private static String script(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(arguments);
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return String.join(" ", command) + " did not finish: " + output;
            }
            return process.exitValue() == 0 ? null : output;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }

    private static Path newFolder() {
        try {
            return Files.createTempDirectory("berth-engine-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyFolder(Path from, Path to) {
        try {
            Files.createDirectories(to);
            for (String name : List.of("ca.pem", "cert.pem", "key.pem")) {
                Files.copy(from.resolve(name), to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
