package io.github.berth.engine.docker;

import io.github.berth.engine.BerthException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streams a build context to the engine: a thread writes the tar into a bounded pipe while the engine's request reads
 * it, so the context is never held whole in memory nor written to disk. Counts the bytes the engine read.
 */
final class ContextPipe implements AutoCloseable {

    private static final int BUFFER = 1 << 20;

    private final String name;
    private final PipedInputStream pipe;
    private final Thread writer;
    private final AtomicLong sent = new AtomicLong();
    private volatile Throwable failure;

    private ContextPipe(String name, ContextSource source) throws IOException {
        this.name = name;
        this.pipe = new PipedInputStream(BUFFER);
        PipedOutputStream out = new PipedOutputStream(pipe);
        this.writer = new Thread(() -> write(source, out), "berth-context-" + name);
        writer.setDaemon(true);
    }

    static ContextPipe start(String name, ContextSource source) {
        try {
            ContextPipe pipe = new ContextPipe(name, source);
            pipe.writer.start();
            return pipe;
        } catch (IOException e) {
            throw new BerthException("Cannot open a pipe for the build context of " + name + ": " + e.getMessage(), e);
        }
    }

    private void write(ContextSource source, PipedOutputStream out) {
        try (out) {
            source.writeTo(out);
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    /** What the engine reads; fails at its end when writing the context failed. */
    InputStream input() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                int read = pipe.read(bytes, offset, length);
                if (read < 0 && failure != null) {
                    throw new IOException("writing the build context failed: " + failure.getMessage(), failure);
                }
                if (read > 0) {
                    sent.addAndGet(read);
                }
                return read;
            }

            @Override
            public void close() {
                // The pipe is closed with the ContextPipe, once the build is over.
            }
        };
    }

    /** The bytes of context the engine has read so far. */
    long bytesSent() {
        return sent.get();
    }

    /** Throws the failure of writing the context, if there was one. */
    void rethrowFailure() {
        Throwable cause = failure;
        if (cause != null) {
            throw new BerthException(
                    "Cannot send the build context of " + name + ": " + Causes.root(cause)
                            + ". A file of the context vanished, changed or could not be read while it was sent; build"
                            + " again once it is in place and readable",
                    cause);
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            pipe.close();
        } catch (IOException e) {
            throw new BerthException("Cannot close the build context pipe: " + e.getMessage(), e);
        }
        writer.join();
    }
}
