package io.github.berth.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.berth.engine.docker.RegistryCredentials;
import io.github.berth.engine.docker.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A registry on 127.0.0.1 that serves one busybox image through the Docker Registry HTTP API V2, optionally behind
 * basic authentication, so that tests can pull without reaching any other host. It speaks HTTPS with a certificate
 * nobody trusts: the engine treats registries on 127.0.0.0/8 as insecure and so accepts it. (Over plain HTTP the
 * engine would first wait ten seconds for a TLS handshake that never comes.)
 */
public final class TestRegistry implements AutoCloseable {

    private static final String MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";

    private final HttpsServer server;
    private final String repository;
    private final String tag;
    private final String expectedAuthorization;
    private final Map<String, byte[]> blobs;
    private final byte[] manifest;
    private final String manifestDigest;
    private final AtomicInteger tagLookups = new AtomicInteger();
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    private TestRegistry(String repository, String tag, String user, String password, String marker)
            throws IOException {
        this.repository = repository;
        this.tag = tag;
        this.expectedAuthorization = user == null
                ? null
                : "Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream rootfs = new ByteArrayOutputStream();
        TestImages.writeBusyboxRootfs(rootfs, Map.of("etc/marker", marker.getBytes(StandardCharsets.UTF_8)));
        byte[] layer = gzip(rootfs.toByteArray());
        byte[] config = imageConfig(digest(rootfs.toByteArray()));
        this.blobs = Map.of(digest(layer), layer, digest(config), config);
        this.manifest = manifest(config, layer);
        this.manifestDigest = digest(manifest);
        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(selfSigned()));
        server.createContext("/v2/", this::handle);
        server.start();
    }

    /** A registry without authentication serving {@code repository:tag}, whose {@code /etc/marker} holds marker. */
    public static TestRegistry open(String repository, String tag, String marker) {
        return start(repository, tag, null, null, marker);
    }

    /** A registry that answers only requests with basic authentication as {@code user} and {@code password}. */
    public static TestRegistry withLogin(String repository, String tag, String user, String password) {
        return start(repository, tag, user, password, "private");
    }

    private static TestRegistry start(String repository, String tag, String user, String password, String marker) {
        try {
            return new TestRegistry(repository, tag, user, password, marker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Credentials as {@code docker login} would keep them for this registry, in a {@code config.json} under
     * {@code folder}.
     */
    public RegistryCredentials login(Path folder, String user, String password) throws IOException {
        Path config = Files.createDirectories(folder).resolve("config.json");
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Files.writeString(config, "{\"auths\":{\"" + host() + "\":{\"auth\":\"" + auth + "\"}}}");
        return new RegistryCredentials(config, List.of());
    }

    /** The registry's host and port: {@code 127.0.0.1:PORT}. */
    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The reference of the image it serves. */
    public String reference() {
        return host() + "/" + repository + ":" + tag;
    }

    /** The digest of the served manifest, as the engine records it after a pull. */
    public String manifestDigest() {
        return manifestDigest;
    }

    /** How many times the tag was looked up: once per pull. */
    public int tagLookups() {
        return tagLookups.get();
    }

    /** The {@code Authorization} headers of all requests, in arrival order. */
    public List<String> authorizations() {
        synchronized (authorizations) {
            return List.copyOf(authorizations);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                authorizations.add(authorization);
            }
            if (expectedAuthorization != null && !expectedAuthorization.equals(authorization)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"berth-test\"");
                error(exchange, 401, "UNAUTHORIZED", "authentication required");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String manifests = "/v2/" + repository + "/manifests/";
            String blobPrefix = "/v2/" + repository + "/blobs/";
            if (path.equals("/v2/")) {
                exchange.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
                send(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals(manifests + tag) || path.equals(manifests + manifestDigest)) {
                if (path.equals(manifests + tag)) {
                    tagLookups.incrementAndGet();
                }
                exchange.getResponseHeaders().add("Docker-Content-Digest", manifestDigest);
                send(exchange, 200, MANIFEST_TYPE, manifest);
            } else if (path.startsWith(manifests)) {
                error(exchange, 404, "MANIFEST_UNKNOWN", "manifest unknown");
            } else if (path.startsWith(blobPrefix) && blobs.containsKey(path.substring(blobPrefix.length()))) {
                String digest = path.substring(blobPrefix.length());
                exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
                send(exchange, 200, "application/octet-stream", blobs.get(digest));
            } else {
                error(exchange, 404, "NAME_UNKNOWN", "repository name not known to registry");
            }
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        String body = "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}";
        send(exchange, status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        if (exchange.getRequestMethod().equals("HEAD")) {
            // The engine reads a manifest's size from the answer to HEAD, which has no body.
            exchange.getResponseHeaders().add("Content-Length", String.valueOf(body.length));
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] imageConfig(String diffId) throws IOException {
        String architecture = System.getProperty("os.arch").matches("amd64|x86_64") ? "amd64" : "arm64";
        return new ObjectMapper()
                .writeValueAsBytes(Map.of(
                        "architecture", architecture,
                        "os", "linux",
                        "config", Map.of("Cmd", List.of("/bin/sh"), "Env", List.of("PATH=/bin")),
                        "rootfs", Map.of("type", "layers", "diff_ids", List.of(diffId)),
                        "history", List.of(Map.of("created_by", "berth test registry"))));
    }

    private static byte[] manifest(byte[] config, byte[] layer) throws IOException {
        return new ObjectMapper()
                .writeValueAsBytes(Map.of(
                        "schemaVersion",
                        2,
                        "mediaType",
                        MANIFEST_TYPE,
                        "config",
                        Map.of(
                                "mediaType",
                                "application/vnd.docker.container.image.v1+json",
                                "size",
                                config.length,
                                "digest",
                                digest(config)),
                        "layers",
                        List.of(Map.of(
                                "mediaType",
                                "application/vnd.docker.image.rootfs.diff.tar.gzip",
                                "size",
                                layer.length,
                                "digest",
                                digest(layer)))));
    }

    private static SSLContext selfSigned() {
        TestCertificates.Issued ca = TestCertificates.authority("berth test registry CA");
        TestCertificates.Issued own = TestCertificates.server(ca, List.of("127.0.0.1"), List.of("localhost"));
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] password = "registry".toCharArray();
            keys.setKeyEntry("registry", own.keys().getPrivate(), password, new Certificate[] {
                own.certificate(), ca.certificate()
            });
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot make the test registry's TLS context", e);
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(bytes);
        }
        return compressed.toByteArray();
    }

    private static String digest(byte[] bytes) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
