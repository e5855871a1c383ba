package io.github.berth.engine.cluster;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.Holders;
import io.github.berth.engine.Labels;
import io.github.berth.engine.Reporter;
import io.github.berth.engine.UndoOnExit;
import io.github.berth.engine.docker.ContainerSummary;
import io.github.berth.engine.docker.DockerCommits;
import io.github.berth.engine.docker.DockerContainers;
import io.github.berth.engine.docker.DockerEngine;
import io.github.berth.engine.docker.DockerImageLookup;
import io.github.berth.engine.docker.DockerImages;
import io.github.berth.engine.docker.DockerLogs;
import io.github.berth.engine.docker.DockerNetworks;
import io.github.berth.engine.docker.DockerPulls;
import io.github.berth.engine.docker.DockerVolumes;
import io.github.berth.engine.docker.RegistryCredentials;
import io.github.berth.engine.redo.Clobbers;
import io.github.berth.engine.redo.MadeTimes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts a cluster: checks its definition, removes what an earlier unstopped build left, creates the network, the
 * volumes and the containers, starts each service once its dependencies meet their condition, waits for readiness
 * and writes the state file. A failed start is diagnosed and rolled back before it is reported.
 */
public final class ClusterStarter {

    private static final long UNDO_PAUSE_MILLIS = 500;

    private final DockerEngine engine;
    private final DockerContainers containers;
    private final DockerLogs output;
    private final DockerNetworks networks;
    private final DockerVolumes volumes;
    private final ServiceImages images;
    private final ClusterStopper stopper;
    private final Reporter reporter;

    public ClusterStarter(DockerEngine engine, Reporter reporter) {
        this(engine, reporter, RegistryCredentials.ofUser());
    }

    /** A starter that pulls with {@code credentials} rather than the current user's Docker CLI configuration. */
    public ClusterStarter(DockerEngine engine, Reporter reporter, RegistryCredentials credentials) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.containers = new DockerContainers(engine);
        this.output = new DockerLogs(engine);
        this.networks = new DockerNetworks(engine);
        this.volumes = new DockerVolumes(engine);
        this.images = new ServiceImages(
                new DockerImageLookup(engine),
                new DockerPulls(engine, credentials),
                engine.endpoint().toString(),
                reporter);
        this.stopper = new ClusterStopper(engine, reporter);
        this.reporter = Objects.requireNonNull(reporter, "reporter");
    }

    /**
     * Starts the cluster and returns its state once every service is ready.
     *
     * @throws ConfigurationException when the definition is wrong or an image is missing; nothing was created then
     * @throws BerthException when a service fails; the message diagnoses it, and the cluster is gone unless
     *     {@link StartRequest#keepOnFailure()}
     */
    public ClusterState start(StartRequest request) {
        Objects.requireNonNull(request, "request");
        long begin = System.nanoTime();
        ClusterSpec cluster = request.cluster();
        ClusterValidator.validate(cluster);
        refuseBindMountsOnRemoteEngine(cluster);
        DependencyOrder order = DependencyOrder.of(cluster);
        Snapshots snapshots = snapshots(request);
        if (cluster.services().stream().anyMatch(ServiceSpec::snapshot)) {
            // Making a snapshot runs through docker-java's client: its classes load on another core meanwhile.
            engine.prepareClient();
        }
        forgetEarlierOutput(cluster, request.stateDirectory());
        ClusterRun run = new ClusterRun(cluster, request.identity(), newRunId(), order);
        AtomicBoolean interrupted = new AtomicBoolean();
        try (UndoOnExit undo = new UndoOnExit("berth-undo-start-" + cluster.name(), () -> {
            interrupted.set(true);
            undoInterruptedStart(run, request);
        })) {
            Map<String, String> imageRefs = prepare(run, request, snapshots);
            reporter.detail("Checked images and leftovers of cluster " + cluster.name() + " and created network "
                    + run.networkName() + " in " + since(begin));
            Instant deadline = Instant.now().plus(cluster.deadline());
            return launch(run, request, imageRefs, snapshots, deadline, begin, interrupted);
        }
    }

    /**
     * Finds the images, removes what earlier runs left and creates the run's network and volumes, all at once: the
     * leftovers carry other names. When a step fails, the network and volumes are removed again, so that nothing of
     * this run is left.
     *
     * @return the image each service's container is created from, as {@link Snapshots#choose} says
     */
    private Map<String, String> prepare(ClusterRun run, StartRequest request, Snapshots snapshots) {
        AtomicReference<Map<String, String>> imageRefs = new AtomicReference<>();
        try {
            // The leftovers come first: a cluster in use is refused before a missing image is reported.
            Parallel.forEach(
                    List.<Runnable>of(
                            () -> removeLeftovers(run, request.identity()),
                            () -> imageRefs.set(
                                    snapshots.choose(run.cluster(), images.resolve(run.cluster(), request))),
                            () -> createNetworkAndVolumes(run)),
                    Runnable::run);
            return imageRefs.get();
        } catch (RuntimeException e) {
            Teardown teardown = stopper.removeNow(
                    List.of(), List.of(run.networkName()), run.volumeNames().values());
            teardown.failures().forEach(failure -> e.addSuppressed(new BerthException("Cannot remove " + failure)));
            throw e;
        }
    }

    private ClusterState launch(
            ClusterRun run,
            StartRequest request,
            Map<String, String> imageRefs,
            Snapshots snapshots,
            Instant deadline,
            long begin,
            AtomicBoolean interrupted) {
        ClusterSpec cluster = run.cluster();
        try {
            new StateFile(request.stateDirectory(), cluster.name()).write(run.state(Map.of()));
            ClusterState state = new ClusterLaunch(
                            run, imageRefs, containers, output, snapshots, engine.endpoint(), reporter)
                    .launch(deadline, begin);
            new StateFile(request.stateDirectory(), cluster.name()).write(state);
            return state;
        } catch (RuntimeException e) {
            if (interrupted.get()) {
                throw new BerthException(
                        "Interrupted while starting cluster " + cluster.name()
                                + "; what the start created is being removed",
                        e);
            }
            if (e instanceof ServiceFailedException failed) {
                String diagnosis = new FailureDiagnosis(containers, output, run).explain(failed);
                throw new BerthException(diagnosis + "\n" + rollBack(run, request), e);
            }
            String rolledBack = rollBack(run, request);
            throw new BerthException(
                    "Cannot start cluster " + cluster.name() + ": " + e.getMessage() + "\n" + rolledBack, e);
        }
    }

    /**
     * Removes what earlier runs left of the cluster, found by its labels. Refuses to start a cluster that another
     * build, still running on this host, started from the same folder: removing it as a leftover would pull it from
     * under that build's tests.
     */
    private void removeLeftovers(ClusterRun run, ClusterIdentity identity) {
        List<ContainerSummary> found = new ArrayList<>();
        List<String> networkNames = new ArrayList<>();
        List<String> volumeNames = new ArrayList<>();
        Parallel.forEach(
                List.<Runnable>of(
                        () -> found.addAll(containers.list(identity.labels())),
                        () -> networkNames.addAll(networks.list(identity.labels())),
                        () -> volumeNames.addAll(volumes.list(identity.labels()))),
                Runnable::run);
        found.stream()
                .map(container -> container.labels().get(Labels.HOLDER))
                .filter(Holders::runningElsewhere)
                .findFirst()
                .ifPresent(holder -> {
                    throw new BerthException("Cluster " + identity.cluster() + " of " + identity.directory()
                            + " is in use by a build still running on this host (process "
                            + holder.substring(holder.lastIndexOf('/') + 1) + "). Wait for that build to end or stop"
                            + " the cluster with berth:stop-cluster; to run both builds at once, give one another"
                            + " <cluster><name>.");
                });
        // This run's network and volumes are being made meanwhile: they are not left over.
        networkNames.remove(run.networkName());
        volumeNames.removeAll(run.volumeNames().values());
        Teardown leftovers =
                stopper.removeNow(found.stream().map(ContainerSummary::id).toList(), networkNames, volumeNames);
        if (leftovers.total() > 0) {
            reporter.warning("Removed " + leftovers.counts() + " of cluster " + identity.cluster()
                    + " left by an earlier build that did not stop it");
        }
        if (!leftovers.failures().isEmpty()) {
            throw new BerthException("Cannot remove what an earlier build left of cluster " + identity.cluster()
                    + ":\n  - " + String.join("\n  - ", leftovers.failures()));
        }
    }

    /**
     * Runs when the JVM ends while the cluster starts, on Ctrl-C or a CI job's SIGTERM: removes what this start
     * created. It removes twice, as the starting thread may still create a container while the first pass runs.
     */
    private void undoInterruptedStart(ClusterRun run, StartRequest request) {
        if (request.keepOnFailure()) {
            return;
        }
        Map<String, String> labels = request.identity().labels(run.runId());
        Teardown first = stopper.removeLabelled(labels);
        try {
            Thread.sleep(UNDO_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Teardown second = stopper.removeLabelled(labels);
        new StateFile(request.stateDirectory(), run.cluster().name()).delete();
        System.err.println(
                "[berth] Interrupted while starting cluster " + run.cluster().name() + ": removed " + first.counts()
                        + (second.total() > 0 ? ", then " + second.counts() : ""));
    }

    private Snapshots snapshots(StartRequest request) {
        return new Snapshots(
                containers,
                new DockerImages(engine),
                new DockerCommits(engine),
                new Clobbers(request.builderDirectory(), new MadeTimes(request.stateDirectory())),
                request.remake(),
                request.identity(),
                reporter);
    }

    private void createNetworkAndVolumes(ClusterRun run) {
        networks.create(run.networkName(), run.labels());
        run.volumeNames().values().forEach(name -> volumes.create(name, run.labels()));
    }

    private String rollBack(ClusterRun run, StartRequest request) {
        if (request.keepOnFailure()) {
            return "Kept the containers, network and volumes of cluster "
                    + run.cluster().name() + " (run "
                    + run.runId() + ", network " + run.networkName() + ") for debugging (berth.keepOnFailure);"
                    + " remove them with berth:stop-cluster.";
        }
        Teardown teardown = stopper.removeNow(
                run.containerIds(),
                List.of(run.networkName()),
                run.volumeNames().values());
        Teardown labelled = stopper.removeLabelled(request.identity().labels(run.runId()));
        new StateFile(request.stateDirectory(), run.cluster().name()).delete();
        List<String> failures = new ArrayList<>(teardown.failures());
        failures.addAll(labelled.failures());
        return "Removed " + teardown.counts() + " of cluster " + run.cluster().name()
                + (failures.isEmpty() ? "" : "; could not remove:\n  - " + String.join("\n  - ", failures))
                + "; set berth.keepOnFailure=true to keep them for debugging.";
    }

    private static String since(long nanos) {
        return String.format("%.1f s", (System.nanoTime() - nanos) / 1e9);
    }

    /**
     * Deletes the output an earlier stop saved for the cluster's services: a stop that finds no container of a service,
     * say one removed by hand, saves nothing, and an earlier run's file would pass for this run's.
     */
    private void forgetEarlierOutput(ClusterSpec cluster, Path stateDirectory) {
        Path logs = ClusterStopper.logsOf(stateDirectory);
        for (ServiceSpec service : cluster.services()) {
            Path log = logs.resolve(service.name() + ".log");
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                reporter.warning("Cannot delete " + log + ", the output of an earlier run of service " + service.name()
                        + ": " + e.getMessage());
            }
        }
    }

    private static String newRunId() {
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A remote engine cannot see this machine's files: bind mounts are refused before anything starts. */
    private void refuseBindMountsOnRemoteEngine(ClusterSpec cluster) {
        for (ServiceSpec service : cluster.services()) {
            for (VolumeSpec volume : service.volumes()) {
                if (volume.kind() == VolumeSpec.Kind.BIND) {
                    engine.endpoint()
                            .requireSharedFileSystem(
                                    "Service " + service.name() + " of cluster " + cluster.name() + " (<volumes>)",
                                    Path.of(volume.source()));
                }
            }
        }
    }
}
