package io.github.berth.engine.docker;

import com.github.dockerjava.core.util.CertificateUtils;
import com.github.dockerjava.transport.SSLConfig;
import io.github.berth.engine.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates that secure the connection to an engine: the CA that signed the engine's certificate
 * ({@code ca.pem}, required) and, when the engine asks for one, the client's certificate and key ({@code cert.pem},
 * {@code key.pem}). Unlike docker-java's own configuration, missing files are an error and never a silent fall-back to
 * plain HTTP.
 */
final class TlsMaterial implements SSLConfig {

    private static final char[] KEY_PASSWORD = "docker".toCharArray();

    private final SSLContext context;
    private final boolean clientCertificate;

    private TlsMaterial(SSLContext context, boolean clientCertificate) {
        this.context = context;
        this.clientCertificate = clientCertificate;
    }

    /**
     * Reads the certificates of {@code endpoint} from its {@code certPath}.
     *
     * @throws ConfigurationException naming the folder and the file that is missing or unreadable
     */
    static TlsMaterial load(DockerEndpoint endpoint) {
        Path dir = endpoint.certPath();
        Path ca = dir.resolve("ca.pem");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        if (!Files.isRegularFile(ca)) {
            throw new ConfigurationException("TLS to the Docker engine at " + endpoint + " needs the CA certificate "
                    + ca + ", which is missing; copy the engine's CA there, or point DOCKER_CERT_PATH (parameter"
                    + " dockerCertPath) at the folder that holds ca.pem");
        }
        if (Files.isRegularFile(cert) != Files.isRegularFile(key)) {
            Path missing = Files.isRegularFile(cert) ? key : cert;
            throw new ConfigurationException("TLS to the Docker engine at " + endpoint + ": " + missing
                    + " is missing; a client certificate needs both cert.pem and key.pem in " + dir
                    + ", or neither when the engine does not ask for one");
        }
        KeyManager[] keyManagers = Files.isRegularFile(cert) ? keyManagers(endpoint, cert, key) : null;
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore(ca));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trust.getTrustManagers(), null);
            return new TlsMaterial(context, keyManagers != null);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new ConfigurationException(
                    "Cannot read the CA certificate " + ca + " for the Docker engine at " + endpoint + ": "
                            + e.getMessage() + "; replace it with the PEM certificate of the CA that signed the"
                            + " engine's certificate",
                    e);
        }
    }

    private static KeyManager[] keyManagers(DockerEndpoint endpoint, Path cert, Path key) {
        try {
            KeyStore store = emptyStore();
            store.setKeyEntry(
                    "client",
                    CertificateUtils.loadPrivateKey(read(key)),
                    KEY_PASSWORD,
                    certificates(cert).toArray(new Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, KEY_PASSWORD);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new ConfigurationException(
                    "Cannot read the client certificate " + cert + " and key " + key + " for the Docker engine at "
                            + endpoint + ": " + e.getMessage() + "; replace them with a PEM certificate and its"
                            + " unencrypted PEM key",
                    e);
        }
    }

    private static KeyStore trustStore(Path ca) throws GeneralSecurityException, IOException {
        KeyStore store = emptyStore();
        int index = 0;
        for (Certificate certificate : certificates(ca)) {
            store.setCertificateEntry("ca-" + index++, certificate);
        }
        return store;
    }

    /** The certificates in a PEM file, read by the JDK so that no security provider needs registering. */
    private static List<Certificate> certificates(Path file) throws GeneralSecurityException, IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<Certificate> certificates =
                    List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (certificates.isEmpty()) {
                throw new CertificateException("no PEM certificate in the file");
            }
            return certificates;
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        return store;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    /** Whether a client certificate is presented to the engine. */
    boolean hasClientCertificate() {
        return clientCertificate;
    }

    @Override
    public SSLContext getSSLContext() {
        return context;
    }
}
