package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine of the test's own that speaks TLS and asks clients for a certificate, as {@code dockerd --tlsverify} does.
 * It listens on two addresses; its certificate names the first only.
 */
class MutualTlsEngineIT {

    @TempDir
    static Path certs;

    @TempDir
    Path work;

    private static TestEngine engine;
    private static Path client;
    private static String named;
    private static String unnamed;

    private final RecordingReporter reporter = new RecordingReporter();

    @BeforeAll
    static void startEngine() {
        engine = TestEngine.network();
        named = engine.addresses().get(0);
        unnamed = engine.addresses().get(1);
        TestCertificates.Issued ca = TestCertificates.authority("Berth test CA");
        TestCertificates.Issued server = TestCertificates.server(ca, List.of(named), List.of("localhost"));
        client = TestCertificates.writeFolder(certs.resolve("client"), ca, TestCertificates.client(ca));
        engine.startDockerd(
                TestEngine.Security.MUTUAL_TLS, TestCertificates.writeFolder(certs.resolve("server"), ca, server));
    }

    @AfterAll
    static void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void buildsAndRunsOverVerifiedTlsFoundThroughDockerHost() {
        Map<String, String> env = Map.of(
                "DOCKER_HOST", engine.host(named).toString(),
                "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", client.toString());
        DockerEndpoint endpoint = new EndpointResolver(env, work).resolve(null, null);

        try (DockerEngine connected = DockerEngine.connect(endpoint, reporter)) {

            assertThat(EngineExercise.buildAndRun(connected, work, "hello over TLS"))
                    .isEqualTo("hello over TLS\n");
        }
        assertThat(reporter.lines)
                .containsExactly("DEBUG Docker engine: " + engine.host(named) + " (TLS) from DOCKER_HOST");
    }

    @Test
    void connectsThroughTheCurrentCliContext() throws IOException, InterruptedException {
        Path config = work.resolve("docker-config");
        docker(
                config,
                "context",
                "create",
                "berth-tls",
                "--docker",
                "host=" + engine.host(named) + ",ca="
                        + client.resolve("ca.pem") + ",cert=" + client.resolve("cert.pem") + ",key="
                        + client.resolve("key.pem"));
        docker(config, "context", "use", "berth-tls");
        DockerEndpoint endpoint = new EndpointResolver(Map.of(), config).resolve(null, null);

        try (DockerEngine connected = DockerEngine.connect(endpoint, reporter)) {

            assertThat(connected.serverVersion()).isNotBlank();
            assertThat(connected.endpoint().source()).isEqualTo("Docker CLI context 'berth-tls'");
            assertThat(connected.endpoint().tlsVerify()).isTrue();
        }
    }

    @Test
    void wrongCaFailsNamingTheCaFile() {
        TestCertificates.Issued stranger = TestCertificates.authority("Some other CA");
        Path wrong =
                TestCertificates.writeFolder(work.resolve("wrong-ca"), stranger, TestCertificates.client(stranger));
        copy(client.resolve("cert.pem"), wrong.resolve("cert.pem"));
        copy(client.resolve("key.pem"), wrong.resolve("key.pem"));

        FailedConnect failure = FailedConnect.to(tls(engine.host(named), wrong), reporter);

        assertThat(failure.message())
                .isEqualTo("No TLS connection to the Docker engine at " + engine.host(named)
                        + " (TLS) from test: its certificate is not signed by the CA in " + wrong.resolve("ca.pem")
                        + ". Put the certificate of the CA that signed the engine's certificate there.");
    }

    @Test
    void certificateForAnotherHostFailsNamingTheHost() {
        FailedConnect failure = FailedConnect.to(tls(engine.host(unnamed), client), reporter);

        assertThat(failure.message())
                .startsWith("No TLS connection to the Docker engine at " + engine.host(unnamed)
                        + " (TLS) from test: its certificate does not name the host " + unnamed + "")
                .endsWith("only if you accept the risk, set berth.dockerTlsVerifyHostName=false.");
    }

    @Test
    void hostNameCheckTurnedOffConnectsAndWarns() {
        DockerEndpoint endpoint = tls(engine.host(unnamed), client).withoutHostNameCheck();

        try (DockerEngine connected = DockerEngine.connect(endpoint, reporter)) {

            assertThat(EngineExercise.buildAndRun(connected, work, "unchecked")).isEqualTo("unchecked\n");
        }
        assertThat(reporter.lines)
                .contains("WARN Not checking that the certificate of the Docker engine at " + endpoint
                        + " names its host (berth.dockerTlsVerifyHostName=false): any server holding a certificate"
                        + " from the same CA can pose as the engine");
    }

    @Test
    void anAnswerThatTakesLongerThanConnectingMayIsWaitedFor() {
        int seconds = (int) DockerEngine.CONNECT_TIMEOUT.toSeconds() + 2;

        try (DockerEngine connected = DockerEngine.connect(tls(engine.host(named), client), reporter)) {

            assertThat(EngineExercise.stopOfASlowContainer(connected, work, seconds))
                    .isZero();
        }
    }

    @Test
    void anAnswerThatTakesLongerThanConnectingMayIsWaitedForWithoutTheHostNameCheck() {
        int seconds = (int) DockerEngine.CONNECT_TIMEOUT.toSeconds() + 2;
        DockerEndpoint endpoint = tls(engine.host(unnamed), client).withoutHostNameCheck();

        try (DockerEngine connected = DockerEngine.connect(endpoint, reporter)) {

            assertThat(EngineExercise.stopOfASlowContainer(connected, work, seconds))
                    .isZero();
        }
    }

    @Test
    void missingClientCertificateFailsNamingTheFolder() {
        Path caOnly = work.resolve("ca-only");
        copy(client.resolve("ca.pem"), caOnly.resolve("ca.pem"));

        FailedConnect failure = FailedConnect.to(tls(engine.host(named), caOnly), reporter);

        assertThat(failure.message())
                .startsWith("No TLS connection to the Docker engine at " + engine.host(named)
                        + " (TLS) from test: it asks for a client certificate and none was given")
                .endsWith("Put cert.pem and key.pem, signed by a CA the engine trusts, into " + caOnly + ".");
    }

    @Test
    void clientCertificateOfAnotherCaFailsNamingIt() {
        TestCertificates.Issued stranger = TestCertificates.authority("Some other CA");
        Path foreign =
                TestCertificates.writeFolder(work.resolve("foreign"), stranger, TestCertificates.client(stranger));
        copy(client.resolve("ca.pem"), foreign.resolve("ca.pem"));

        FailedConnect failure = FailedConnect.to(tls(engine.host(named), foreign), reporter);

        assertThat(failure.message())
                .startsWith("No TLS connection to the Docker engine at " + engine.host(named)
                        + " (TLS) from test: it refused the client certificate " + foreign.resolve("cert.pem"))
                .endsWith("Use a client certificate signed by a CA the engine trusts (its --tlscacert).");
    }

    @Test
    void plainHttpToATlsEngineFailsSayingItExpectsTls() {
        FailedConnect failure = FailedConnect.to(new DockerEndpoint(engine.host(named), false, null, "test"), reporter);

        assertThat(failure.message())
                .isEqualTo("The Docker engine at " + engine.host(named) + " from test expects TLS. Set"
                        + " DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH (or the dockerCertPath parameter) to the folder"
                        + " with its ca.pem, cert.pem and key.pem.");
    }

    private static DockerEndpoint tls(URI host, Path certPath) {
        return new DockerEndpoint(host, true, certPath, "test");
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void docker(Path config, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DOCKER_CONFIG", config.toString());
        builder.environment().remove("DOCKER_HOST");
        builder.environment().remove("DOCKER_CONTEXT");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + ": " + output)
                .isZero();
    }
}
