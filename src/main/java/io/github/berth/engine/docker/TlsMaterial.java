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
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.spec.PBEParameterSpec;
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

    /**
     * How the client key is kept in the key store made for the key manager. The store never leaves memory, so its
     * password guards nothing: one round of key derivation instead of PKCS #12's ten thousand, each of which the JVM
     * would otherwise run twice (storing and reading the key), a tenth of a second before every TLS connection.
     */
    private static final KeyStore.PasswordProtection IN_MEMORY_ONLY = new KeyStore.PasswordProtection(
            KEY_PASSWORD, "PBEWithHmacSHA256AndAES_256", new PBEParameterSpec(new byte[16], 1));

    private static final Pattern PKCS8 =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA");

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
            store.setEntry(
                    "client",
                    new KeyStore.PrivateKeyEntry(
                            privateKey(read(key)), certificates(cert).toArray(new Certificate[0])),
                    IN_MEMORY_ONLY);
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

    /**
     * The key of a PEM file. A PKCS #8 key, as OpenSSL 3 writes one, is read by the JDK; any other form (PKCS #1 RSA,
     * SEC1 EC) by docker-java, whose parser loads BouncyCastle, a twentieth of a second in a fresh JVM.
     */
    static PrivateKey privateKey(String pem) throws GeneralSecurityException, IOException {
        Matcher pkcs8 = PKCS8.matcher(pem);
        if (!pkcs8.find()) {
            PrivateKey key = CertificateUtils.loadPrivateKey(pem);
            if (key == null) {
                throw new InvalidKeySpecException("no PEM private key in the file");
            }
            return key;
        }
        byte[] encoded;
        try {
            encoded = Base64.getMimeDecoder().decode(pkcs8.group(1));
        } catch (IllegalArgumentException e) {
            throw new InvalidKeySpecException("the PRIVATE KEY block is not Base64", e);
        }
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(encoded));
            } catch (InvalidKeySpecException e) {
                // a key of another algorithm: the next one is tried
            }
        }
        throw new InvalidKeySpecException("the PRIVATE KEY block holds no RSA, EC or EdDSA key");
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

    /** A PKCS #12 store whatever the JVM's default type, as only that type takes {@link #IN_MEMORY_ONLY}. */
    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
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
