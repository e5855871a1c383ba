package io.github.berth.engine.cluster;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.Reporter;
import io.github.berth.engine.docker.ContainerStatus;
import io.github.berth.engine.docker.ContainerSummary;
import io.github.berth.engine.docker.DockerContainers;
import io.github.berth.engine.docker.DockerEndpoint;
import io.github.berth.engine.docker.DockerLogs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the containers of a run, one dependency rank ahead of the starts, starts each as soon as it exists and its
 * dependencies meet their condition, and waits until all services are ready. The first failure ends the wait for all
 * of them.
 */
final class ClusterLaunch {

    /** How long past the cluster deadline to wait for the waiters' own timeouts to report. */
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final ClusterRun run;
    private final Map<String, String> images;
    private final DockerContainers containers;
    private final DockerLogs output;
    private final Snapshots snapshots;
    private final String engineHost;
    private final boolean localEngine;
    private final Reporter reporter;
    private final AtomicBoolean aborted = new AtomicBoolean();
    private final AtomicBoolean warmedUp = new AtomicBoolean();
    private final Map<String, ServiceState> ready = new ConcurrentHashMap<>();

    /**
     * @param images the image each service's container is created from, by service; a service left out is created
     *     when its snapshot is made
     */
    ClusterLaunch(
            ClusterRun run,
            Map<String, String> images,
            DockerContainers containers,
            DockerLogs output,
            Snapshots snapshots,
            DockerEndpoint endpoint,
            Reporter reporter) {
        this.run = run;
        this.images = Map.copyOf(images);
        this.containers = containers;
        this.output = output;
        this.snapshots = snapshots;
        this.engineHost = endpoint.publishedHost();
        this.localEngine = endpoint.isLocal();
        this.reporter = reporter;
    }

    /**
     * @param begin when the start of the cluster began, as {@link System#nanoTime()}, for the summary
     * @throws ServiceFailedException naming the first service that failed
     */
    ClusterState launch(Instant deadline, long begin) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "berth-" + run.cluster().name() + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletableFuture<Void> all = schedule(pool, deadline);
            await(all, deadline);
        } finally {
            aborted.set(true);
            pool.shutdownNow();
            awaitTermination(pool);
        }
        checkStillRunning();
        ClusterState state = run.state(ready);
        summarize(state, begin);
        return state;
    }

    /** Lets the waiters see the abort, so that nothing starts while the caller removes the cluster. */
    private static void awaitTermination(ExecutorService pool) {
        try {
            pool.awaitTermination(GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CompletableFuture<Void> schedule(ExecutorService pool, Instant deadline) {
        ReadinessWaiter waiter =
                new ReadinessWaiter(containers, output, engineHost, run.networkName(), localEngine, aborted::get);
        Map<String, CompletableFuture<Void>> started = new HashMap<>();
        Map<String, CompletableFuture<Void>> readyFutures = new HashMap<>();
        Map<String, CompletableFuture<Void>> completed = new HashMap<>();
        Map<Integer, List<CompletableFuture<Void>>> launchingByRank = new HashMap<>();
        CompletableFuture<Void> firstFailure = new CompletableFuture<>();
        for (String name : run.order().startOrder()) {
            ServiceSpec service = run.cluster().service(name).orElseThrow();
            int rank = run.order().rank(name);
            CompletableFuture<?>[] conditions = service.dependsOn().stream()
                    .map(dependency -> switch (dependency.condition()) {
                        case STARTED -> started.get(dependency.service());
                        case READY -> readyFutures.get(dependency.service());
                        case COMPLETED ->
                            completed.computeIfAbsent(
                                    dependency.service(),
                                    done -> started.get(done)
                                            .thenRunAsync(() -> awaitCompletion(waiter, done, deadline), pool));
                    })
                    .toArray(CompletableFuture[]::new);
            // Creating a container needs nothing of its dependencies, so it runs beside their starts: the containers
            // of one rank are created while the rank before starts, one rank ahead, so that creations do not slow
            // the first starts down.
            CompletableFuture<Void> created = images.containsKey(name)
                    ? CompletableFuture.allOf(launchingByRank
                                    .getOrDefault(rank - 1, List.of())
                                    .toArray(CompletableFuture[]::new))
                            .thenRunAsync(() -> create(service), pool)
                    : CompletableFuture.completedFuture(null);
            CompletableFuture<Void> launching =
                    CompletableFuture.allOf(conditions).thenCombine(created, (ignored, alsoIgnored) -> null);
            launchingByRank.computeIfAbsent(rank, r -> new ArrayList<>()).add(launching);
            CompletableFuture<Instant> start =
                    launching.thenApplyAsync(ignored -> startContainer(name, waiter, deadline, pool), pool);
            started.put(name, start.thenApply(at -> (Void) null));
            readyFutures.put(name, start.thenAcceptAsync(at -> awaitReady(waiter, service, at, deadline), pool));
        }
        List<CompletableFuture<Void>> everything = new ArrayList<>(readyFutures.values());
        everything.addAll(completed.values());
        everything.forEach(future -> future.whenComplete((ok, failure) -> {
            if (failure != null) {
                firstFailure.completeExceptionally(failure);
            }
        }));
        CompletableFuture<Void> all = CompletableFuture.allOf(everything.toArray(CompletableFuture[]::new));
        return CompletableFuture.anyOf(all, firstFailure).thenApply(ignored -> (Void) null);
    }

    private void create(ServiceSpec service) {
        if (aborted.get()) {
            throw new CompletionException(new InterruptedException("start of the cluster aborted"));
        }
        run.created(
                service.name(),
                containers.create(
                        run.containerName(service.name()),
                        images.get(service.name()),
                        service,
                        run.networkName(),
                        run.labels(service.name()),
                        run.volumeNames()));
    }

    private Instant startContainer(String service, ReadinessWaiter waiter, Instant deadline, ExecutorService pool) {
        if (aborted.get()) {
            throw new CompletionException(new InterruptedException("start of the cluster aborted"));
        }
        if (snapshots.pending(service)) {
            try {
                snapshots.make(run, run.cluster().service(service).orElseThrow(), waiter, deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }
        warmUp(run.containerId(service), pool);
        try {
            containers.start(run.containerId(service));
        } catch (BerthException e) {
            throw new ServiceFailedException(service, "did not start: " + e.getMessage());
        }
        reporter.detail("Started service " + service + " (" + run.containerName(service) + ")");
        return Instant.now();
    }

    /**
     * Looks once at the first container to start, while the engine starts it: the first look loads the classes that
     * read the engine's answer, 0.15 s in a fresh JVM, which the first readiness check would otherwise wait for.
     */
    private void warmUp(String id, ExecutorService pool) {
        if (warmedUp.compareAndSet(false, true)) {
            pool.execute(() -> {
                try {
                    containers.status(id, run.networkName());
                } catch (RuntimeException e) {
                    // only a warm-up: the readiness check looks again and reports what it sees
                }
            });
        }
    }

    private void awaitReady(ReadinessWaiter waiter, ServiceSpec service, Instant startedAt, Instant deadline) {
        String id = run.containerId(service.name());
        ContainerStatus status;
        try {
            status = waiter.await(service.name(), id, service.readiness(), startedAt, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
        ServiceState state = describe(service.name(), status);
        ready.put(service.name(), state);
        reporter.milestone(readyLine(service, state, Duration.between(startedAt, Instant.now())));
    }

    /** The milestone of a service that is ready, or that completed when its readiness is an exit. */
    static String readyLine(ServiceSpec service, ServiceState state, Duration took) {
        double seconds = took.toMillis() / 1000.0;
        return service.readiness().stream()
                .filter(check -> check instanceof ReadinessCheck.Exit)
                .map(check -> String.format(
                        Locale.ROOT,
                        "Service %s completed: %s, exit code %d (%.1f s)",
                        service.name(),
                        state.shortId(),
                        ((ReadinessCheck.Exit) check).code(),
                        seconds))
                .findFirst()
                .orElseGet(() -> String.format(
                        Locale.ROOT,
                        "Service %s ready: %s %s (%.1f s)",
                        service.name(),
                        state.shortId(),
                        state.hasAddress() ? "at " + state.endpoint() : state.endpoint(),
                        seconds));
    }

    private void awaitCompletion(ReadinessWaiter waiter, String service, Instant deadline) {
        try {
            waiter.await(
                    service,
                    run.containerId(service),
                    List.of(new ReadinessCheck.Exit(0, Duration.between(Instant.now(), deadline))),
                    Instant.now(),
                    deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    /** The service as tests see it, from the engine's look at its container that found it ready. */
    private ServiceState describe(String service, ContainerStatus status) {
        String id = run.containerId(service);
        String host = status.ports().isEmpty()
                ? engineHost
                : ReadinessWaiter.reachableHost(
                        engineHost, status.ports().get(0).hostIp());
        List<ServicePort> ports =
                published(run.cluster().service(service).orElseThrow().ports(), status.ports());
        return new ServiceState(
                service, id, run.containerName(service), run.order().rank(service), host, status.ip(), ports);
    }

    /**
     * Each of the service's ports with the host port the engine bound for it, in the order the service lists them. A
     * container port published on several host ports has several bindings: those asked for by number are matched
     * first, then those asked for on an address, so that the free ones the engine chose go to the entries they were
     * made for.
     */
    static List<ServicePort> published(List<PortSpec> specs, List<ContainerStatus.PublishedPort> bindings) {
        List<ContainerStatus.PublishedPort> unclaimed = new ArrayList<>(bindings);
        ServicePort[] found = new ServicePort[specs.size()];
        for (int pass = 0; pass < 3; pass++) {
            for (int i = 0; i < specs.size(); i++) {
                PortSpec spec = specs.get(i);
                boolean byNumber = pass == 0;
                boolean byAddress = pass == 1;
                if (found[i] != null
                        || (byNumber && spec.hostPort() == 0)
                        || (byAddress && spec.hostIp().isEmpty())) {
                    continue;
                }
                for (ContainerStatus.PublishedPort binding : unclaimed) {
                    if (binding.containerPort() == spec.containerPort()
                            && (!byNumber || binding.hostPort() == spec.hostPort())
                            && (!byAddress || spec.hostIp().equals(binding.hostIp()))) {
                        found[i] = new ServicePort(binding.containerPort(), binding.hostPort());
                        unclaimed.remove(binding);
                        break;
                    }
                }
            }
        }
        return Arrays.stream(found).filter(Objects::nonNull).toList();
    }

    private void await(CompletableFuture<Void> all, Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline).plus(GRACE);
        try {
            all.get(Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException(
                    "Interrupted while starting cluster " + run.cluster().name(), e);
        } catch (TimeoutException e) {
            throw new ServiceFailedException(
                    pendingService(),
                    "the cluster did not become ready within "
                            + run.cluster().deadline().toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause =
                    e.getCause() instanceof CompletionException ? e.getCause().getCause() : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new BerthException("Cannot start cluster " + run.cluster().name() + ": " + cause, cause);
        }
    }

    private String pendingService() {
        return run.order().startOrder().stream()
                .filter(name -> !ready.containsKey(name))
                .findFirst()
                .orElse(run.order().startOrder().get(0));
    }

    /**
     * A service that ended with an error after it counted as ready fails the start too. One listing tells which
     * containers ended; only those are inspected, for their exit code.
     */
    private void checkStillRunning() {
        Map<String, ContainerSummary> listed = new HashMap<>();
        containers.list(run.labels()).forEach(container -> listed.put(container.id(), container));
        for (String name : run.order().startOrder()) {
            ServiceSpec service = run.cluster().service(name).orElseThrow();
            ContainerSummary container = listed.get(run.containerId(name));
            if (service.awaitsExit() || completedBySomeone(name) || container == null || !container.ended()) {
                continue;
            }
            containers.status(container.id(), run.networkName()).ifPresent(status -> {
                if (status.ended() && status.exitCode() != 0) {
                    throw new ServiceFailedException(
                            name, "exited with code " + status.exitCode() + " after it started");
                }
            });
        }
    }

    private boolean completedBySomeone(String name) {
        return run.cluster().services().stream()
                .flatMap(s -> s.dependsOn().stream())
                .anyMatch(d -> d.service().equals(name) && d.condition() == Dependency.Condition.COMPLETED);
    }

    private void summarize(ClusterState state, long begin) {
        reporter.milestone(
                String.format("Cluster %s ready in %.1f s:", state.cluster(), (System.nanoTime() - begin) / 1e9));
        int width =
                state.services().stream().mapToInt(s -> s.name().length()).max().orElse(0);
        for (ServiceState service : state.services()) {
            reporter.milestone(
                    String.format("  %-" + width + "s  %s  %s", service.name(), service.shortId(), service.endpoint()));
        }
    }
}
