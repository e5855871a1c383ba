package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the certificate folder of a TLS endpoint: what must be there, and what each gap says. */
class TlsMaterialTest {

    private static final URI HOST = URI.create("tcp://engine.example:2376");

    @TempDir
    Path dir;

    @Test
    void caAloneIsEnough() {
        TestCertificates.writeFolder(dir, TestCertificates.authority("CA"), null);

        TlsMaterial tls = TlsMaterial.load(endpoint());

        assertThat(tls.hasClientCertificate()).isFalse();
        assertThat(tls.getSSLContext()).isNotNull();
    }

    @Test
    void clientCertificateIsPresentedWhenGiven() {
        TestCertificates.Issued ca = TestCertificates.authority("CA");
        TestCertificates.writeFolder(dir, ca, TestCertificates.client(ca));

        TlsMaterial tls = TlsMaterial.load(endpoint());

        assertThat(tls.hasClientCertificate()).isTrue();
    }

    @Test
    void missingCaFailsNamingTheFile() {
        assertThatThrownBy(() -> TlsMaterial.load(endpoint()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("TLS to the Docker engine at tcp://engine.example:2376 (TLS) from test needs the CA"
                        + " certificate " + dir.resolve("ca.pem") + ", which is missing; copy the engine's CA there,"
                        + " or point DOCKER_CERT_PATH (parameter dockerCertPath) at the folder that holds ca.pem");
    }

    @Test
    void certificateWithoutKeyFailsNamingTheMissingFile() throws IOException {
        TestCertificates.Issued ca = TestCertificates.authority("CA");
        TestCertificates.writeFolder(dir, ca, TestCertificates.client(ca));
        Files.delete(dir.resolve("key.pem"));

        assertThatThrownBy(() -> TlsMaterial.load(endpoint()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("TLS to the Docker engine at tcp://engine.example:2376 (TLS) from test: "
                        + dir.resolve("key.pem") + " is missing; a client certificate needs both cert.pem and key.pem"
                        + " in " + dir + ", or neither when the engine does not ask for one");
    }

    @Test
    void unreadableCaFailsNamingTheFile() throws IOException {
        Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");

        assertThatThrownBy(() -> TlsMaterial.load(endpoint()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Cannot read the CA certificate " + dir.resolve("ca.pem"))
                .hasMessageEndingWith(
                        "; replace it with the PEM certificate of the CA that signed the engine's" + " certificate");
    }

    @Test
    void unreadableKeyFailsNamingIt() throws IOException {
        TestCertificates.Issued ca = TestCertificates.authority("CA");
        TestCertificates.writeFolder(dir, ca, TestCertificates.client(ca));
        Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> TlsMaterial.load(endpoint()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Cannot read the client certificate " + dir.resolve("cert.pem") + " and key "
                        + dir.resolve("key.pem"))
                .hasMessageEndingWith("; replace them with a PEM certificate and its unencrypted PEM key");
    }

    private DockerEndpoint endpoint() {
        return new DockerEndpoint(HOST, true, dir, "test");
    }
}
