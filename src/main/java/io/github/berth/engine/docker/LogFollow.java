package io.github.berth.engine.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A container's output as it is written, stdout and stderr together, kept in memory from the first byte. One stream
 * from the engine replaces reading the whole output again on every look.
 */
public final class LogFollow implements AutoCloseable {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ResultCallback.Adapter<Frame> stream = new ResultCallback.Adapter<>() {
        @Override
        public void onNext(Frame frame) {
            synchronized (bytes) {
                bytes.writeBytes(frame.getPayload());
            }
        }
    };

    ResultCallback.Adapter<Frame> stream() {
        return stream;
    }

    /** Everything the container wrote so far, frames joined. */
    public String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** Ends the stream; what was read stays readable. */
    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException e) {
            // the stream's connection is released either way
        }
    }
}
