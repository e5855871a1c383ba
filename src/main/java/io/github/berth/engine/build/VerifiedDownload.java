package io.github.berth.engine.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A download read through SHA-256 and, for {@code .xz} and {@code .gz}, decompression. The last bytes of the
 * decompressed stream are held back until the whole download has been read and its digest checked: when the digest is
 * wrong, the reader gets an {@link IOException} instead of the end of the tar, so that the engine imports nothing.
 */
final class VerifiedDownload extends InputStream {

    /** More than the end-of-archive blocks and record padding of a tar. */
    static final int HELD_BACK = 64 * 1024;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final InputStream raw;
    private final MessageDigest digest;
    private final URI url;
    private final String expected;
    private InputStream decompressed;
    private final byte[] buffer = new byte[4 * HELD_BACK];
    private int start;
    private int end;
    private boolean ended;
    private volatile String actual;
    private volatile String damage;
    private volatile String brokenOff;

    private VerifiedDownload(InputStream source, URI url, String expected) {
        this.digest = Digests.sha256();
        this.raw = new DigestInputStream(source, digest);
        this.url = url;
        this.expected = expected;
    }

    /**
     * Opens {@code url} (http, https or file).
     *
     * @param expected the SHA-256 the downloaded bytes must have, lower-case hex
     */
    static VerifiedDownload open(URI url, String expected) throws IOException {
        return open(url, expected, TIMEOUT);
    }

    /** @param stall how long the server may send nothing before the download fails */
    static VerifiedDownload open(URI url, String expected, Duration stall) throws IOException {
        return new VerifiedDownload(source(url, stall), url, expected);
    }

    private static InputStream source(URI url, Duration stall) throws IOException {
        if ("file".equalsIgnoreCase(url.getScheme())) {
            Path file;
            try {
                file = Path.of(url);
            } catch (IllegalArgumentException e) {
                throw new IOException("not a file URL: " + e.getMessage() + "; write file:///PATH", e);
            }
            try {
                return Files.newInputStream(file);
            } catch (NoSuchFileException e) {
                throw new IOException("no such file " + file, e);
            }
        }
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("HTTP status " + response.statusCode());
            }
            return new StallGuard(response.body(), stall);
        } catch (ConnectException e) {
            // The client's own message is empty: name where it tried to go.
            throw new IOException("cannot connect to " + url.getHost() + ":" + port(url), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting", e);
        }
    }

    private static int port(URI url) {
        if (url.getPort() >= 0) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    /** The compression the name of {@code url} announces: {@code xz}, {@code gzip} or none. */
    private static Optional<String> compression(URI url) {
        String path = url.getPath() == null ? "" : url.getPath().toLowerCase(Locale.ROOT);
        if (path.endsWith(".xz") || path.endsWith(".txz")) {
            return Optional.of("xz");
        }
        if (path.endsWith(".gz") || path.endsWith(".tgz")) {
            return Optional.of("gzip");
        }
        return Optional.empty();
    }

    private static InputStream decompressing(InputStream raw, URI url) throws IOException {
        Optional<String> compression = compression(url);
        if (compression.isEmpty()) {
            return raw;
        }
        return compression.get().equals("xz") ? new XZInputStream(raw) : new GZIPInputStream(raw);
    }

    /** The SHA-256 of the downloaded bytes once they have all been read, else {@code null}. */
    String actual() {
        return actual;
    }

    /**
     * What is wrong with a download that has the expected digest but cannot be decompressed, else {@code null}: the
     * file was damaged before its digest was taken.
     */
    String damage() {
        return damage;
    }

    /** Why the download stopped before its end (the server stopped sending, the connection broke), else {@code null}. */
    String brokenOff() {
        return brokenOff;
    }

    /** Whether the whole download was read and its digest was not the expected one. */
    boolean mismatched() {
        return actual != null && !actual.equals(expected);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (mismatched()) {
            throw mismatch();
        }
        if (damage != null) {
            throw new IOException(damage);
        }
        while (!ended && end - start <= HELD_BACK) {
            fill();
        }
        int releasable = ended ? end - start : end - start - HELD_BACK;
        if (releasable == 0) {
            return -1;
        }
        int count = Math.min(length, releasable);
        System.arraycopy(buffer, start, bytes, offset, count);
        start += count;
        return count;
    }

    /** Reads more decompressed bytes; at their end, finishes the download and checks its digest. */
    private void fill() throws IOException {
        if (end == buffer.length) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        int read;
        try {
            if (decompressed == null) {
                decompressed = decompressing(raw, url);
            }
            read = decompressed.read(buffer, end, buffer.length - end);
        } catch (IOException e) {
            throw undecodable(e);
        }
        if (read > 0) {
            end += read;
        } else if (read < 0) {
            raw.transferTo(OutputStream.nullOutputStream());
            actual = Digests.hex(digest);
            if (mismatched()) {
                start = end;
                throw mismatch();
            }
            ended = true;
        }
    }

    /**
     * The failure to report when the bytes could not be decompressed. Other bytes than the expected ones (a cut or
     * replaced file) are a digest mismatch, so the rest is read for the digest; the expected bytes that do not
     * decompress are a damaged file. When the rest cannot be read either, the read failure is what went wrong.
     */
    private IOException undecodable(IOException failure) {
        start = end;
        if (actual == null) {
            try {
                raw.transferTo(OutputStream.nullOutputStream());
            } catch (IOException unread) {
                if (unread != failure) {
                    failure.addSuppressed(unread);
                }
                brokenOff = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
                return failure;
            }
            actual = Digests.hex(digest);
        }
        if (mismatched()) {
            return mismatch();
        }
        String detail = failure.getMessage() == null
                ? failure.getClass().getSimpleName()
                : failure.getMessage().strip();
        damage = "not a complete " + compression(url).orElse("tar") + " file: " + detail;
        return new IOException(damage, failure);
    }

    private IOException mismatch() {
        return new IOException("SHA-256 mismatch: expected " + expected + ", got " + actual);
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
