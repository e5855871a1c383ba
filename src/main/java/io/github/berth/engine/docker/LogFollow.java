package io.github.berth.engine.docker;

import io.github.berth.engine.BerthException;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A container's output as it is written, stdout and stderr together, kept in memory from the first byte. One stream
 * from the engine replaces reading the whole output again on every look. The stream is opened and read on a thread of
 * its own: an engine may hold back even the head of its answer until the container first writes.
 */
public final class LogFollow implements AutoCloseable {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Thread reader;
    private Closeable source;
    private boolean closed;
    private BerthException failure;

    /** Where the followed output is written as it arrives. */
    OutputStream sink() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (bytes) {
                    bytes.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (bytes) {
                    bytes.write(b, off, len);
                }
            }
        };
    }

    /** The thread that opens and reads the stream; interrupted when this follow is closed before the stream opens. */
    synchronized void readBy(Thread thread) {
        reader = thread;
    }

    /**
     * The stream being followed, closed with this follow.
     *
     * @return false when this follow is closed already: the stream is to be closed and left unread
     */
    synchronized boolean following(Closeable stream) {
        source = stream;
        return !closed;
    }

    /** The stream could not be opened or read: the next look at the text reports it, unless this follow was closed. */
    synchronized void failed(BerthException e) {
        if (!closed) {
            failure = e;
        }
    }

    /**
     * Everything the container wrote so far, frames joined.
     *
     * @throws BerthException when the output could not be followed
     */
    public String text() {
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
        }
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** Ends the stream; what was read stays readable. */
    @Override
    public void close() {
        Closeable stream;
        Thread opening;
        synchronized (this) {
            closed = true;
            stream = source;
            opening = reader;
        }
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                // the stream's connection is released either way
            }
        } else if (opening != null) {
            // The request still waits for the engine's answer; an interrupt ends it.
            opening.interrupt();
        }
    }
}
