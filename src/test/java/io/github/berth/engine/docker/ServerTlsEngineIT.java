package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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
        valid = TestEngine.network();
        expired = TestEngine.network();
        plain = TestEngine.network();
        TestCertificates.Issued ca = TestCertificates.authority("Berth test CA");
        caOnly = TestCertificates.writeFolder(certs.resolve("ca-only"), ca, null);
        TestCertificates.Issued current = TestCertificates.server(ca, List.of(address(valid)), List.of());
        TestCertificates.Issued old = TestCertificates.server(
                ca,
                List.of(address(expired)),
                List.of(),
                Instant.now().minus(Duration.ofDays(3)),
                Instant.now().minus(Duration.ofDays(1)));
        valid.startDockerd(
                TestEngine.Security.SERVER_TLS, TestCertificates.writeFolder(certs.resolve("valid"), ca, current));
        expired.startDockerd(
                TestEngine.Security.SERVER_TLS, TestCertificates.writeFolder(certs.resolve("expired"), ca, old));
        plain.startDockerd(TestEngine.Security.PLAIN, null);
    }

    private static String address(TestEngine engine) {
        return engine.addresses().get(0);
    }

    private static URI host(TestEngine engine) {
        return engine.host(address(engine));
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
        DockerEndpoint endpoint = new DockerEndpoint(host(valid), true, caOnly, "test");

        try (DockerEngine engine = DockerEngine.connect(endpoint, reporter)) {

            assertThat(engine.serverVersion()).isNotBlank();
            assertThat(engine.client().listImagesCmd().exec()).isEmpty();
        }
    }

    @Test
    void expiredCertificateFailsSayingSo() {
        String message = FailedConnect.to(new DockerEndpoint(host(expired), true, caOnly, "test"), reporter)
                .message();

        assertThat(message)
                .startsWith("No TLS connection to the Docker engine at " + host(expired)
                        + " (TLS) from test: its certificate is not valid now (")
                .endsWith("Renew the engine's certificate.");
    }

    @Test
    void plainHttpEngineFailsWhenTlsWasAskedFor() {
        String message = FailedConnect.to(new DockerEndpoint(host(plain), true, caOnly, "test"), reporter)
                .message();

        assertThat(message)
                .isEqualTo("No TLS connection to the Docker engine at " + host(plain) + " (TLS) from test:"
                        + " it answered in plain HTTP although TLS was asked for. Configure the engine for TLS"
                        + " (dockerd --tlsverify), or, if it really serves plain HTTP on a trusted network, unset"
                        + " DOCKER_TLS_VERIFY and dockerCertPath.");
    }

    @Test
    void plainHttpToAnotherMachineConnectsAndWarns() {
        DockerEndpoint endpoint = new DockerEndpoint(host(plain), false, null, "test");

        try (DockerEngine engine = DockerEngine.connect(endpoint, reporter)) {

            assertThat(engine.serverVersion()).isNotBlank();
        }
        assertThat(reporter.lines)
                .contains("WARN Talking to the Docker engine at " + endpoint + " without TLS: anyone who reaches its"
                        + " port controls it; set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH (or the dockerCertPath"
                        + " parameter)");
    }
}
