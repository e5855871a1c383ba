package io.github.berth.engine.cluster;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.Labels;
import io.github.berth.engine.docker.ContainerDeaths;
import io.github.berth.engine.docker.ContainerSummary;
import io.github.berth.engine.docker.DockerContainers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Stops a cluster's containers in reverse dependency order: those of the highest dependency rank at once, then the
 * rank below as soon as the processes of that rank ended. The engine's events tell of such an end about 0.1 s before
 * its answer to the stop request, which comes once it has also released the container's network and files; the
 * answer ends the wait too, for an engine that sends no such events.
 */
public final class DependentsFirst {

    /** One container to stop: its id and its service's dependency rank, 0 for a service that depends on none. */
    public record Ranked(String id, int rank) {}

    private DependentsFirst() {}

    /** The dependency rank the start gave the container's service, in its labels. */
    public static int rank(ContainerSummary container) {
        try {
            return Integer.parseInt(container.labels().getOrDefault(Labels.RANK, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Runs {@code stop} for each target on a thread of its own, rank by rank from the highest, then {@code after} on
     * the same thread; returns when every thread has ended.
     *
     * @param labels the labels all targets carry, to follow the ends of their processes
     * @param stop stops one target; it reports its own failures, and a target counts as ended when it returns
     */
    public static <T> void stop(
            DockerContainers containers,
            Map<String, String> labels,
            Collection<T> targets,
            Function<T, Ranked> ranked,
            Consumer<T> stop,
            Consumer<T> after) {
        TreeMap<Integer, List<T>> byRank = new TreeMap<>(Comparator.reverseOrder());
        targets.forEach(target -> byRank.computeIfAbsent(ranked.apply(target).rank(), r -> new ArrayList<>())
                .add(target));
        Map<String, CompletableFuture<Void>> ended = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        try (ContainerDeaths deaths =
                containers.followDeaths(labels, id -> endOf(ended, id).complete(null))) {
            for (List<T> rank : byRank.values()) {
                List<CompletableFuture<Void>> rankEnded = new ArrayList<>();
                for (T target : rank) {
                    CompletableFuture<Void> end =
                            endOf(ended, ranked.apply(target).id());
                    rankEnded.add(end);
                    threads.add(start(() -> {
                        try {
                            stop.accept(target);
                        } finally {
                            end.complete(null);
                        }
                        after.accept(target);
                    }));
                }
                await(CompletableFuture.allOf(rankEnded.toArray(CompletableFuture[]::new)));
            }
        }
        threads.forEach(DependentsFirst::join);
    }

    private static CompletableFuture<Void> endOf(Map<String, CompletableFuture<Void>> ended, String id) {
        return ended.computeIfAbsent(id, key -> new CompletableFuture<>());
    }

    private static Thread start(Runnable task) {
        Thread thread = new Thread(task, "berth-stop");
        thread.start();
        return thread;
    }

    private static void await(CompletableFuture<Void> ends) {
        try {
            ends.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException("Interrupted while stopping the containers of a cluster", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the end of a stop only completes normally", e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException("Interrupted while stopping the containers of a cluster", e);
        }
    }
}
