package io.github.berth.engine;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Undoes a step when the JVM ends while it runs, on Ctrl-C or a CI job's SIGTERM: a shutdown hook for as long as the
 * step lasts.
 */
public final class UndoOnExit implements AutoCloseable {

    /** How long a step that the JVM's end cut short waits for its undo to finish. */
    private static final long WAIT_MILLIS = 60_000;

    private final Thread hook;

    /** Runs {@code undo} in a thread called {@code name} if the JVM ends before {@link #close()}. */
    public UndoOnExit(String name, Runnable undo) {
        this.hook = new Thread(Objects.requireNonNull(undo, "undo"), name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Ends the guard. When the JVM is shutting down and the undo runs, waits for it instead: returning now would let the
     * caller close the engine, ending the undo's requests, and Maven drop the plugin's classes while the undo still
     * needs them.
     */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            awaitUndo();
        }
    }

    /** Waits for the undo, however often this thread is interrupted meanwhile. */
    private void awaitUndo() {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        boolean interrupted = false;
        while (hook.isAlive() && System.nanoTime() < end) {
            try {
                hook.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
