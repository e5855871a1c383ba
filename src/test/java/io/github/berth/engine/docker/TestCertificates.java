package io.github.berth.engine.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/** Certificates made for a test: a CA, and server and client certificates it signs, written as Docker expects them. */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A certificate with its key pair. */
    public record Issued(X509Certificate certificate, KeyPair keys) {}

    private TestCertificates() {}

    public static Issued authority(String name) {
        KeyPair keys = ecKeys();
        X500Principal subject = new X500Principal("CN=" + name);
        return sign(
                subject,
                keys,
                subject,
                keys,
                Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1)),
                builder -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    builder.addExtension(
                            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                });
    }

    /** A server certificate valid now, for the given IP addresses and DNS names. */
    public static Issued server(Issued ca, List<String> addresses, List<String> dnsNames) {
        return server(
                ca,
                addresses,
                dnsNames,
                Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1)));
    }

    static Issued server(
            Issued ca, List<String> addresses, List<String> dnsNames, Instant notBefore, Instant notAfter) {
        GeneralName[] names = new GeneralName[addresses.size() + dnsNames.size()];
        int i = 0;
        for (String address : addresses) {
            names[i++] = new GeneralName(GeneralName.iPAddress, address);
        }
        for (String dns : dnsNames) {
            names[i++] = new GeneralName(GeneralName.dNSName, dns);
        }
        KeyPair keys = ecKeys();
        return sign(
                new X500Principal("CN=berth test engine"),
                keys,
                ca.certificate().getSubjectX500Principal(),
                ca.keys(),
                notBefore,
                notAfter,
                builder -> {
                    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
                    builder.addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                });
    }

    static Issued client(Issued ca) {
        return client(ca, ecKeys());
    }

    /** A client certificate for {@code keys}, of any algorithm the CA's EC key can sign for. */
    static Issued client(Issued ca, KeyPair keys) {
        return sign(
                new X500Principal("CN=berth test client"),
                keys,
                ca.certificate().getSubjectX500Principal(),
                ca.keys(),
                Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1)),
                builder -> builder.addExtension(
                        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth)));
    }

    /** Writes {@code ca.pem} and, when given, {@code cert.pem} and {@code key.pem} into {@code dir}, as the Docker CLI reads them. */
    static Path writeFolder(Path dir, Issued ca, Issued own) {
        try {
            Files.createDirectories(dir);
            writePem(dir.resolve("ca.pem"), ca.certificate());
            if (own != null) {
                writePem(dir.resolve("cert.pem"), own.certificate());
                writeKey(dir.resolve("key.pem"), own.keys().getPrivate(), false);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code key} to {@code file} as OpenSSL does: PKCS #8 ({@code BEGIN PRIVATE KEY}) or, when {@code
     * traditional}, the older form of its algorithm ({@code BEGIN RSA PRIVATE KEY}, {@code BEGIN EC PRIVATE KEY}).
     */
    static void writeKey(Path file, PrivateKey key, boolean traditional) {
        try {
            if (traditional && key.getAlgorithm().equals("EC")) {
                writePem(file, sec1(key));
                return;
            }
            writePem(file, traditional ? key : new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An EC key in SEC1's form, naming its curve as {@code openssl ecparam -genkey} writes it. */
    private static PemObject sec1(PrivateKey key) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
        ECPrivateKey named = new ECPrivateKey(
                256, inner.getKey(), info.getPrivateKeyAlgorithm().getParameters());
        return new PemObject("EC PRIVATE KEY", named.getEncoded());
    }

    private static void writePem(Path file, Object value) throws IOException {
        if (value instanceof JcaPKCS8Generator generator) {
            try (Writer out = Files.newBufferedWriter(file);
                    JcaPEMWriter pem = new JcaPEMWriter(out)) {
                pem.writeObject(generator.generate());
            }
            return;
        }
        try (Writer out = Files.newBufferedWriter(file);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(value);
        }
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws IOException;
    }

    private static Issued sign(
            X500Principal subject,
            KeyPair keys,
            X500Principal issuer,
            KeyPair issuerKeys,
            Instant notBefore,
            Instant notAfter,
            Extensions extensions) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    subject,
                    keys.getPublic());
            extensions.add(builder);
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(
                            new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
            return new Issued(certificate, keys);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot make a test certificate for " + subject, e);
        }
    }

    static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
