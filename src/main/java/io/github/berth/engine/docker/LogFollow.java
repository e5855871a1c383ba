package io.github.berth.engine.docker;

import io.github.berth.engine.BerthException;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * A container's output as it is written, stdout and stderr together, from the first byte, handed on as text on the
 * thread that reads it. One stream from the engine replaces reading the whole output again on every look, and nothing
 * of it is held here.
 */
public final class LogFollow extends FollowedStream {

    private final Consumer<String> text;
    private BerthException failure;

    LogFollow(Consumer<String> text) {
        this.text = text;
    }

    /** Where the followed output is written as it arrives; closing it hands on a last split character. */
    OutputStream sink() {
        return new TextDecoder(text);
    }

    /** The stream could not be opened or read: the next check reports it, unless this follow was closed. */
    synchronized void failed(BerthException e) {
        if (!isClosed()) {
            failure = e;
        }
    }

    /** @throws BerthException when the output could not be followed, so that not all of it was handed on */
    public synchronized void check() {
        if (failure != null) {
            throw failure;
        }
    }
}
