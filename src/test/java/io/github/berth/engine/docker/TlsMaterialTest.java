package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @ParameterizedTest(name = "{0} key, traditional form: {1}")
    @CsvSource({"EC, false", "EC, true", "RSA, false", "RSA, true"})
    void clientKeyInEachFormOpenSslWritesCompletesAHandshake(String algorithm, boolean traditional) throws Exception {
        TestCertificates.Issued ca = TestCertificates.authority("CA");
        TestCertificates.Issued client = TestCertificates.client(
                ca, algorithm.equals("RSA") ? TestCertificates.rsaKeys() : TestCertificates.ecKeys());
        TestCertificates.writeFolder(dir, ca, client);
        TestCertificates.writeKey(dir.resolve("key.pem"), client.keys().getPrivate(), traditional);
        assertThat(Files.readString(dir.resolve("key.pem")))
                .startsWith(traditional ? "-----BEGIN " + algorithm + " PRIVATE KEY-----" : "-----BEGIN PRIVATE KEY");

        TlsMaterial tls = TlsMaterial.load(endpoint());

        assertThat(peerSeenByServer(ca, tls.getSSLContext())).isEqualTo(client.certificate());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----\\n"
                        + "| the PRIVATE KEY block holds no RSA, EC or EdDSA key",
                "not a key\\n | no PEM private key in the file"
            })
    void unreadableKeyFailsNamingItAndWhy(String content, String why) throws IOException {
        TestCertificates.Issued ca = TestCertificates.authority("CA");
        TestCertificates.writeFolder(dir, ca, TestCertificates.client(ca));
        Files.writeString(dir.resolve("key.pem"), content.replace("\\n", "\n"));

        assertThatThrownBy(() -> TlsMaterial.load(endpoint()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Cannot read the client certificate " + dir.resolve("cert.pem") + " and key "
                        + dir.resolve("key.pem") + " for the Docker engine at tcp://engine.example:2376 (TLS) from"
                        + " test: " + why + "; replace them with a PEM certificate and its unencrypted PEM key");
    }

    /** The certificate a loopback server that asks for one receives from a client with {@code context}. */
    private static Certificate peerSeenByServer(TestCertificates.Issued ca, SSLContext context) throws Exception {
        TestCertificates.Issued server = TestCertificates.server(ca, List.of("127.0.0.1"), List.of());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", server.keys().getPrivate(), new char[0], new Certificate[] {server.certificate()});
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", ca.certificate());
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        try (SSLServerSocket listening = (SSLServerSocket)
                serverContext.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listening.setNeedClientAuth(true);
            CompletableFuture<Certificate> seen = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listening.accept()) {
                    accepted.startHandshake();
                    Certificate peer = accepted.getSession().getPeerCertificates()[0];
                    accepted.getOutputStream().write(1);
                    return peer;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listening.getLocalPort())) {
                socket.startHandshake();
                assertThat(socket.getInputStream().read()).isEqualTo(1);
            }
            return seen.get(30, TimeUnit.SECONDS);
        }
    }

    private DockerEndpoint endpoint() {
        return new DockerEndpoint(HOST, true, dir, "test");
    }
}
