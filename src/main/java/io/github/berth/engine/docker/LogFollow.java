package io.github.berth.engine.docker;

import io.github.berth.engine.BerthException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A container's output as it is written, stdout and stderr together, kept in memory from the first byte. One stream
 * from the engine replaces reading the whole output again on every look.
 */
public final class LogFollow extends FollowedStream {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
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

    /** The stream could not be opened or read: the next look at the text reports it, unless this follow was closed. */
    synchronized void failed(BerthException e) {
        if (!isClosed()) {
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
}
