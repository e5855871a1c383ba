package io.github.berth.engine.docker;

import java.io.Closeable;
import java.io.IOException;

/**
 * An answer of the engine that goes on for as long as it is followed, opened and read on a thread of its own: an engine
 * may hold back even the head of such an answer until it has something to say. Closing ends the stream, or interrupts
 * the request while it still waits for that head.
 */
abstract class FollowedStream implements AutoCloseable {

    private Thread reader;
    private Closeable source;
    private boolean closed;

    /** Starts {@code thread}, which opens and reads the stream. */
    final void readBy(Thread thread) {
        synchronized (this) {
            reader = thread;
        }
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The stream being followed, closed with this follow.
     *
     * @return false when this follow is closed already: the stream is to be closed and left unread
     */
    final synchronized boolean following(Closeable stream) {
        source = stream;
        return !closed;
    }

    final synchronized boolean isClosed() {
        return closed;
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
