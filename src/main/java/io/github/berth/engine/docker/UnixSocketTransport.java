package io.github.berth.engine.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP/1.1 to an engine's unix socket over the JDK's own socket channels: one connection per request, closed with its
 * response. docker-java's own transport loads several hundred classes of an HTTP client before its first request and
 * cuts a streamed body into 8 KB chunks; through this one, a build context goes out in chunks of {@value #CHUNK}
 * bytes, each one write. Writing to a container's standard input (a hijacked connection) is not supported: Berth never
 * does.
 *
 * <p>An interrupt that is pending when a request starts does not stop it, so that clean-up after an interrupt still
 * reaches the engine; an interrupt that arrives while a request waits ends that request.
 */
final class UnixSocketTransport implements DockerHttpClient {

    static final int CHUNK = 256 * 1024;

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final Set<String> FRAMING_HEADERS =
            Set.of("content-length", "transfer-encoding", "connection", "host");

    private final UnixDomainSocketAddress socket;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();

    UnixSocketTransport(Path socket) {
        this.socket = UnixDomainSocketAddress.of(socket);
    }

    @Override
    public Response execute(Request request) {
        if (request.hijackedInput() != null) {
            throw new UnsupportedOperationException(
                    "writing to a container's standard input is not supported on " + socket.getPath());
        }
        SocketChannel channel = connect();
        try {
            IOException sendFailure = null;
            try {
                send(channel, request);
            } catch (BodyFailure e) {
                // The request is cut short: the engine must not take it for whole.
                close(channel);
                throw new UncheckedIOException((IOException) e.getCause());
            } catch (IOException e) {
                // The engine may have answered and closed before reading the whole body: its answer says why.
                sendFailure = e;
            }
            HttpInput input = new HttpInput(new Uninterrupted(channel));
            try {
                input.readHead();
            } catch (IOException e) {
                if (sendFailure != null) {
                    sendFailure.addSuppressed(e);
                    throw sendFailure;
                }
                throw e;
            }
            return new SocketResponse(channel, input.status(), input.headers(), input.body(request.method()));
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException(
                    request.method() + " " + pathOnly(request.path()) + " on " + socket.getPath() + " failed: "
                            + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    private SocketChannel connect() {
        boolean interrupted = Thread.interrupted();
        try {
            SocketChannel channel = SocketChannel.open(socket);
            open.add(channel);
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot connect to " + socket.getPath() + ": " + e.getMessage(), e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void send(SocketChannel channel, Request request) throws IOException {
        byte[] bytes = request.bodyBytes();
        InputStream stream = bytes == null ? request.body() : null;
        StringBuilder head = new StringBuilder()
                .append(request.method())
                .append(' ')
                .append(requestTarget(request.path()))
                .append(" HTTP/1.1\r\nHost: docker\r\n");
        request.headers().forEach((name, value) -> {
            if (!FRAMING_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                head.append(headerText(name))
                        .append(": ")
                        .append(headerText(value))
                        .append("\r\n");
            }
        });
        if (bytes != null) {
            head.append("Content-Length: ").append(bytes.length).append("\r\n");
        } else if (stream != null) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            head.append("Content-Length: 0\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        ByteBuffer headBytes = ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.ISO_8859_1));

        if (bytes != null) {
            writeFully(channel, headBytes, ByteBuffer.wrap(bytes));
        } else {
            writeFully(channel, headBytes);
        }
        if (stream != null) {
            try (stream) {
                sendChunked(channel, stream);
            }
        }
    }

    /** Sends {@code body} in chunks of up to {@link #CHUNK} bytes, each with its framing in one write. */
    private static void sendChunked(SocketChannel channel, InputStream body) throws IOException {
        byte[] chunk = new byte[CHUNK];
        while (true) {
            int filled;
            try {
                filled = body.readNBytes(chunk, 0, chunk.length);
            } catch (IOException e) {
                throw new BodyFailure(e);
            }
            if (filled > 0) {
                ByteBuffer size =
                        ByteBuffer.wrap((Integer.toHexString(filled) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                writeFully(channel, size, ByteBuffer.wrap(chunk, 0, filled), ByteBuffer.wrap(CRLF));
            }
            if (filled < chunk.length) {
                writeFully(channel, ByteBuffer.wrap(LAST_CHUNK));
                return;
            }
        }
    }

    private static void writeFully(SocketChannel channel, ByteBuffer... buffers) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            while (buffers[buffers.length - 1].hasRemaining()) {
                channel.write(buffers);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The path and query as docker-java gives them, refused if they would break the request line. */
    private static String requestTarget(String path) {
        if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException("not a request path: " + pathOnly(path));
        }
        return path;
    }

    private static String headerText(String text) {
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a request header holds a line break");
        }
        return text;
    }

    /** The path without its query, which may carry values a log should not show. */
    private static String pathOnly(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private void close(SocketChannel channel) {
        open.remove(channel);
        try {
            channel.close();
        } catch (IOException e) {
            // the connection is discarded either way
        }
    }

    /** Ends every request still under way. */
    @Override
    public void close() {
        List.copyOf(open).forEach(this::close);
    }

    /** Reading the request's body failed: not the engine's doing, and the request must be abandoned. */
    private static final class BodyFailure extends IOException {
        BodyFailure(IOException cause) {
            super(cause);
        }
    }

    /** Reads from the channel with any pending interrupt set aside, so that it does not close the channel. */
    private static final class Uninterrupted implements ReadableByteChannel {

        private final SocketChannel channel;

        Uninterrupted(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read(ByteBuffer destination) throws IOException {
            boolean interrupted = Thread.interrupted();
            try {
                return channel.read(destination);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private final class SocketResponse implements Response {

        private final SocketChannel channel;
        private final int status;
        private final Map<String, List<String>> headers;
        private final InputStream body;

        SocketResponse(SocketChannel channel, int status, Map<String, List<String>> headers, InputStream body) {
            this.channel = channel;
            this.status = status;
            this.headers = headers;
            this.body = new FilterInputStream(body) {
                @Override
                public void close() {
                    SocketResponse.this.close();
                }
            };
        }

        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }

        @Override
        public String getHeader(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        @Override
        public InputStream getBody() {
            return body;
        }

        @Override
        public void close() {
            UnixSocketTransport.this.close(channel);
        }
    }
}
