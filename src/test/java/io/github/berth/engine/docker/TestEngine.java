package io.github.berth.engine.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Docker engine of a test's own: {@code dockerd} on a loopback TCP port with its own data, state and pid file, its
 * own bridge, no iptables rules and its own address pool, so that it shares nothing with the engine at
 * {@code /var/run/docker.sock}. Pulls go to a closed loopback proxy. Closing it stops the engine and removes its folder.
 */
final class TestEngine implements AutoCloseable {

    /** How the engine secures its TCP port. */
    enum Security {
        /** TLS, and clients must present a certificate signed by the engine's CA ({@code --tlsverify}). */
        MUTUAL_TLS,
        /** TLS without client certificates ({@code --tls}). */
        SERVER_TLS,
        /** Plain HTTP. */
        PLAIN
    }

    private final Path dir;
    private final int port;
    private final String bridge;
    private final Process process;
    private final Thread stopOnExit;

    private TestEngine(Path dir, int port, String bridge, Process process) {
        this.dir = dir;
        this.port = port;
        this.bridge = bridge;
        this.process = process;
        this.stopOnExit = new Thread(process::destroy, "stop-test-engine-" + port);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts an engine listening on the same free port at each of {@code addresses} (all loopback), and waits until
     * it answers.
     *
     * @param serverCerts a folder with {@code ca.pem}, {@code cert.pem} and {@code key.pem} for the engine; ignored
     *     for {@link Security#PLAIN}
     */
    static TestEngine start(Security security, Path serverCerts, String... addresses) {
        try {
            Path dir = Files.createTempDirectory("berth-engine-");
            int port = freePort();
            Files.writeString(dir.resolve("daemon.json"), "{}");
            // A bridge of its own: with --bridge=none dockerd deletes the interface docker0, which the engine at
            // /var/run/docker.sock needs for every container on its default network.
            String bridge = "berth-t" + port;
            String subnet = "10." + (200 + port % 50);
            run("ip", "link", "add", "name", bridge, "type", "bridge");
            run("ip", "addr", "add", subnet + ".255.1/24", "dev", bridge);
            List<String> command = new ArrayList<>(List.of(
                    "dockerd",
                    "--config-file=" + dir.resolve("daemon.json"),
                    "--data-root=" + dir.resolve("data"),
                    "--exec-root=" + dir.resolve("exec"),
                    "--pidfile=" + dir.resolve("dockerd.pid"),
                    "--bridge=" + bridge,
                    "--iptables=false",
                    "--ip-masq=false",
                    "--default-address-pool=base=" + subnet + ".0.0/16,size=24",
                    "--cgroup-parent=berth-test-engine-" + port));
            for (String address : addresses) {
                command.add("--host=tcp://" + address + ":" + port);
            }
            command.addAll(tlsOptions(security, serverCerts));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("dockerd.log").toFile());
            builder.environment().put("HTTP_PROXY", "http://127.0.0.1:9");
            builder.environment().put("HTTPS_PROXY", "http://127.0.0.1:9");
            builder.environment().put("NO_PROXY", "localhost,127.0.0.1");
            TestEngine engine = new TestEngine(dir, port, bridge, builder.start());
            engine.awaitListening(addresses.length);
            return engine;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a test engine", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting a test engine", e);
        }
    }

    private static List<String> tlsOptions(Security security, Path certs) {
        return switch (security) {
            case MUTUAL_TLS ->
                List.of(
                        "--tlsverify",
                        "--tlscacert=" + certs.resolve("ca.pem"),
                        "--tlscert=" + certs.resolve("cert.pem"),
                        "--tlskey=" + certs.resolve("key.pem"));
            case SERVER_TLS ->
                List.of(
                        "--tls",
                        "--tlsverify=false",
                        "--tlscacert=" + certs.resolve("ca.pem"),
                        "--tlscert=" + certs.resolve("cert.pem"),
                        "--tlskey=" + certs.resolve("key.pem"));
            case PLAIN -> List.of();
        };
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening(int hosts) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (log().split("API listen on ", -1).length > hosts) {
                return;
            }
            sleep(100);
        }
        String log = log();
        close();
        throw new IllegalStateException("The test engine did not start; its log ends with:\n"
                + log.substring(Math.max(0, log.length() - 3000)));
    }

    /** The engine's address as {@code tcp://address:port}. */
    URI host(String address) {
        return URI.create("tcp://" + address + ":" + port);
    }

    String log() {
        try {
            return Files.readString(dir.resolve("dockerd.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
            for (String mount : leftOverMounts()) {
                run("umount", mount);
            }
            // --one-file-system: never reach into a mount that could not be undone
            run("rm", "-rf", "--one-file-system", dir.toString());
            run("ip", "link", "delete", bridge);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the test engine's folder " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting; the hook stops the engine
        }
    }

    /** Mounts under this engine's folder, deepest first; an engine that fails to start leaves its data root bound. */
    private List<String> leftOverMounts() throws IOException {
        return Files.readAllLines(Path.of("/proc/mounts")).stream()
                .map(line -> line.split(" ")[1])
                .filter(mount -> mount.startsWith(dir + "/"))
                .sorted(Comparator.reverseOrder())
                .toList();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        new ProcessBuilder(command).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting a test engine", e);
        }
    }
}
