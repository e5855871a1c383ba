package io.github.berth.engine.cluster;

import io.github.berth.engine.BerthException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs one task per item on threads of its own. The engine answers requests in parallel, while the common pool of a
 * small machine would run them nearly one after the other.
 */
public final class Parallel {

    private static final int MOST_THREADS = 16;

    private Parallel() {}

    /**
     * Runs {@code task} for every item and waits for all. A task's unchecked exception is rethrown after all ended;
     * tasks that must not stop the others catch their own.
     */
    public static <T> void forEach(Collection<T> items, Consumer<T> task) {
        if (items.size() <= 1) {
            items.forEach(task);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(items.size(), MOST_THREADS), runnable -> {
            Thread thread = new Thread(runnable, "berth-parallel");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = items.stream()
                    .<Future<?>>map(item -> pool.submit(() -> task.accept(item)))
                    .toList();
            RuntimeException failure = null;
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException runtime
                            ? runtime
                            : new BerthException(e.getCause().toString(), e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException("Interrupted while waiting for the engine", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
