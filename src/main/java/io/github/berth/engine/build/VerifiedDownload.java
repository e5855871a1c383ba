package io.github.berth.engine.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
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
    private final InputStream decompressed;
    private final String expected;
    private final byte[] buffer = new byte[4 * HELD_BACK];
    private int start;
    private int end;
    private boolean ended;
    private volatile String actual;

    private VerifiedDownload(InputStream source, URI url, String expected) throws IOException {
        this.digest = Digests.sha256();
        this.raw = new DigestInputStream(source, digest);
        this.decompressed = decompressing(raw, url);
        this.expected = expected;
    }

    /**
     * Opens {@code url} (http, https or file).
     *
     * @param expected the SHA-256 the downloaded bytes must have, lower-case hex
     */
    static VerifiedDownload open(URI url, String expected) throws IOException {
        return new VerifiedDownload(source(url), url, expected);
    }

    private static InputStream source(URI url) throws IOException {
        if ("file".equalsIgnoreCase(url.getScheme())) {
            return Files.newInputStream(Path.of(url));
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
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting", e);
        }
    }

    private static InputStream decompressing(InputStream raw, URI url) throws IOException {
        String path = url.getPath() == null ? "" : url.getPath().toLowerCase(Locale.ROOT);
        if (path.endsWith(".xz") || path.endsWith(".txz")) {
            return new XZInputStream(raw);
        }
        if (path.endsWith(".gz") || path.endsWith(".tgz")) {
            return new GZIPInputStream(raw);
        }
        return raw;
    }

    /** The SHA-256 of the downloaded bytes once they have all been read, else {@code null}. */
    String actual() {
        return actual;
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
        int read = decompressed.read(buffer, end, buffer.length - end);
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

    private IOException mismatch() {
        return new IOException("SHA-256 mismatch: expected " + expected + ", got " + actual);
    }

    @Override
    public void close() throws IOException {
        decompressed.close();
    }
}
