package io.github.berth.engine.docker;

import io.github.berth.engine.BerthException;
import java.io.OutputStream;

/**
 * A container's output as it is written, stdout and stderr together, from the first byte. One stream from the engine
 * replaces reading the whole output again on every look; what arrived is kept only until it is taken.
 */
public final class LogFollow extends FollowedStream {

    // TODO: what arrives between two looks is held whole, up to a second of output once looks slow down: some 8 MB
    // for a service that writes fast, several times that while it is copied on. Handing the text to the searches on
    // the reading thread would bound it.
    private StringBuilder arrived = new StringBuilder();
    private BerthException failure;

    /** Where the followed output is written as it arrives; closing it hands on a last split character. */
    OutputStream sink() {
        return new TextDecoder(this::arrive);
    }

    private synchronized void arrive(String text) {
        arrived.append(text);
    }

    /** The stream could not be opened or read: the next look at the text reports it, unless this follow was closed. */
    synchronized void failed(BerthException e) {
        if (!isClosed()) {
            failure = e;
        }
    }

    /**
     * What the container wrote since the last call, frames joined.
     *
     * @throws BerthException when the output could not be followed
     */
    public synchronized String take() {
        if (failure != null) {
            throw failure;
        }
        String text = arrived.toString();
        arrived = new StringBuilder();
        return text;
    }
}
