package io.github.berth.engine.docker;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one HTTP/1.1 response from a channel: the status line and headers at once, then the body as a stream that
 * undoes its framing (a length, chunks, or the end of the connection). Reads no further than the response's end.
 */
final class HttpInput {

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_LINE = 64 * 1024;

    private final ReadableByteChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).flip();

    /** The response's status code, once {@link #readHead()} has run. */
    private int status;

    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    HttpInput(ReadableByteChannel channel) {
        this.channel = channel;
    }

    /**
     * Reads the status line and the headers, skipping any interim {@code 1xx} response.
     *
     * @throws IOException when the connection ends first or the head is not HTTP/1.x
     */
    void readHead() throws IOException {
        do {
            headers.clear();
            String statusLine = readLine();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x response: " + abbreviate(statusLine));
            }
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("no status code in " + abbreviate(statusLine), e);
            }
            for (String line = readLine(); !line.isEmpty(); line = readLine()) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("malformed response header: " + abbreviate(line));
                }
                headers.computeIfAbsent(line.substring(0, colon).trim(), name -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        } while (status >= 100 && status < 200 && status != 101);
    }

    int status() {
        return status;
    }

    Map<String, List<String>> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** The body of the response whose head was read, for a request made with {@code method}. */
    InputStream body(String method) throws IOException {
        if (method.equals("HEAD") || status == 204 || status == 304) {
            return InputStream.nullInputStream();
        }
        String encoding = header("Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return new Chunked();
        }
        String length = header("Content-Length");
        if (length != null) {
            try {
                return new Limited(Long.parseLong(length.trim()));
            } catch (NumberFormatException e) {
                throw new IOException("malformed Content-Length: " + abbreviate(length), e);
            }
        }
        return new Limited(Long.MAX_VALUE);
    }

    private String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** Fills the buffer with what the channel has; false at the end of the connection. */
    private boolean fill() throws IOException {
        buffer.compact();
        try {
            return channel.read(buffer) > 0;
        } finally {
            buffer.flip();
        }
    }

    /** A line ended by CRLF (or LF), without its end. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (b == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) (b & 0xff));
                if (line.length() > MAX_LINE) {
                    throw new IOException("a line of the response is longer than " + MAX_LINE + " bytes");
                }
            }
            if (!fill()) {
                throw new EOFException("the engine closed the connection in the middle of a response");
            }
        }
    }

    /** Reads up to {@code length} bytes of body into {@code bytes}; -1 at the end of the connection. */
    private int readRaw(byte[] bytes, int offset, int length) throws IOException {
        if (!buffer.hasRemaining() && !fill()) {
            return -1;
        }
        int n = Math.min(length, buffer.remaining());
        buffer.get(bytes, offset, n);
        return n;
    }

    private static String abbreviate(String text) {
        String printable = new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return printable.length() > 200 ? printable.substring(0, 200) + "…" : printable;
    }

    /** A body, read in runs of bytes; a single byte is a run of one. */
    private abstract static class Body extends InputStream {

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
    }

    /** A body of a known length, or one that ends with the connection. */
    private final class Limited extends Body {

        private long left;

        Limited(long length) {
            this.left = length;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (left == 0) {
                return -1;
            }
            int read = readRaw(bytes, offset, (int) Math.min(length, left));
            if (read < 0) {
                if (left != Long.MAX_VALUE) {
                    throw new EOFException("the engine closed the connection " + left + " bytes before the body's end");
                }
                left = 0;
                return -1;
            }
            if (left != Long.MAX_VALUE) {
                left -= read;
            }
            return read;
        }
    }

    /** A body in chunks, each led by its length in hexadecimal. */
    private final class Chunked extends Body {

        private long left;
        private boolean started;
        private boolean ended;

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (left == 0 && !nextChunk()) {
                return -1;
            }
            int read = readRaw(bytes, offset, (int) Math.min(length, left));
            if (read < 0) {
                throw new EOFException("the engine closed the connection in the middle of a chunk");
            }
            left -= read;
            return read;
        }

        /** Moves to the next chunk; false after the last one and its trailers. */
        private boolean nextChunk() throws IOException {
            if (ended) {
                return false;
            }
            if (started && !readLine().isEmpty()) {
                throw new IOException("a chunk of the response is longer than its stated size");
            }
            started = true;
            String sizeLine = readLine();
            int extension = sizeLine.indexOf(';');
            String size = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim();
            try {
                left = Long.parseLong(size, 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size: " + abbreviate(sizeLine), e);
            }
            if (left < 0) {
                throw new IOException("malformed chunk size: " + abbreviate(sizeLine));
            }
            if (left == 0) {
                ended = true;
                while (!readLine().isEmpty()) {
                    // trailers carry nothing the engine's clients need
                }
                return false;
            }
            return true;
        }
    }
}
