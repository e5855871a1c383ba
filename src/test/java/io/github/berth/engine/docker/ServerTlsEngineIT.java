package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engines of the test's own that ask clients for no certificate: one with a valid certificate, one whose certificate
 * expired, and one that speaks plain HTTP.
 */
class ServerTlsEngineIT {

    @TempDir
    static Path certs;

    private static TestEngine valid;
    private static TestEngine expired;
    private static TestEngine plain;
    private static Path caOnly;

    private final RecordingReporter reporter = new RecordingReporter();

    @BeforeAll
    static void startEngines() {
        TestCertificates.Issued ca = TestCertificates.authority("Berth test CA");
        caOnly = TestCertificates.writeFolder(certs.resolve("ca-only"), ca, null);
        TestCertificates.Issued current = TestCertificates.server(ca, List.of("127.0.0.1"), List.of("localhost"));
        TestCertificates.Issued old = TestCertificates.server(
                ca,
                List.of("127.0.0.1"),
                List.of("localhost"),
                Instant.now().minus(Duration.ofDays(3)),
                Instant.now().minus(Duration.ofDays(1)));
        valid = TestEngine.start(
                TestEngine.Security.SERVER_TLS,
                TestCertificates.writeFolder(certs.resolve("valid"), ca, current),
                "127.0.0.1");
        expired = TestEngine.start(
                TestEngine.Security.SERVER_TLS,
                TestCertificates.writeFolder(certs.resolve("expired"), ca, old),
                "127.0.0.1");
        plain = TestEngine.start(TestEngine.Security.PLAIN, null, "127.0.0.1");
    }

    @AfterAll
    static void stopEngines() {
        for (TestEngine engine : new TestEngine[] {valid, expired, plain}) {
            if (engine != null) {
                engine.close();
            }
        }
    }

    @Test
    void caOnlyClientConnectsWhenTheEngineAsksForNoCertificate() {
        DockerEndpoint endpoint = new DockerEndpoint(valid.host("127.0.0.1"), true, caOnly, "test");

        try (DockerEngine engine = DockerEngine.connect(endpoint, reporter)) {

            assertThat(engine.serverVersion()).isNotBlank();
            assertThat(engine.client().listImagesCmd().exec()).isEmpty();
        }
    }

    @Test
    void expiredCertificateFailsSayingSo() {
        String message = FailedConnect.to(new DockerEndpoint(expired.host("127.0.0.1"), true, caOnly, "test"), reporter)
                .message();

        assertThat(message)
                .startsWith("No TLS connection to the Docker engine at " + expired.host("127.0.0.1")
                        + " (TLS) from test: its certificate is not valid now (")
                .endsWith("Renew the engine's certificate.");
    }

    @Test
    void plainHttpEngineFailsWhenTlsWasAskedFor() {
        String message = FailedConnect.to(new DockerEndpoint(plain.host("127.0.0.1"), true, caOnly, "test"), reporter)
                .message();

        assertThat(message)
                .isEqualTo("No TLS connection to the Docker engine at " + plain.host("127.0.0.1") + " (TLS) from test:"
                        + " it answered in plain HTTP although TLS was asked for. Configure the engine for TLS"
                        + " (dockerd --tlsverify), or, if it really serves plain HTTP on a trusted network, unset"
                        + " DOCKER_TLS_VERIFY and dockerCertPath.");
    }

    @Test
    void plainHttpOnLoopbackConnectsWithoutWarning() {
        DockerEndpoint endpoint = new DockerEndpoint(plain.host("127.0.0.1"), false, null, "test");

        try (DockerEngine engine = DockerEngine.connect(endpoint, reporter)) {

            assertThat(engine.serverVersion()).isNotBlank();
        }
        assertThat(reporter.lines).noneMatch(line -> line.startsWith("WARN"));
    }
}
