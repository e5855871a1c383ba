package io.github.berth.engine.cluster;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.Labels;
import io.github.berth.engine.Reporter;
import io.github.berth.engine.docker.ContainerSummary;
import io.github.berth.engine.docker.DockerContainers;
import io.github.berth.engine.docker.DockerEngine;
import io.github.berth.engine.docker.DockerLogs;
import io.github.berth.engine.docker.DockerNetworks;
import io.github.berth.engine.docker.DockerVolumes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stops a cluster and removes all of it: containers in reverse dependency order after saving their output, their
 * anonymous volumes, the named volumes and the network. Finds the cluster by its state file and by its labels, so
 * that runs whose state file is lost are stopped too. Already gone counts as success.
 */
public final class ClusterStopper {

    private final DockerContainers containers;
    private final DockerLogs output;
    private final DockerNetworks networks;
    private final DockerVolumes volumes;
    private final Reporter reporter;

    public ClusterStopper(DockerEngine engine, Reporter reporter) {
        this.containers = new DockerContainers(engine);
        this.output = new DockerLogs(engine);
        this.networks = new DockerNetworks(engine);
        this.volumes = new DockerVolumes(engine);
        this.reporter = Objects.requireNonNull(reporter, "reporter");
    }

    /**
     * Stops the cluster {@code identity} names, giving each container {@code grace} between SIGTERM and SIGKILL,
     * and saves each service's output to {@code stateDirectory/logs/SERVICE.log}.
     *
     * @throws BerthException listing every object that could not be stopped or removed, with its id and the cause
     */
    public void stop(ClusterIdentity identity, Path stateDirectory, Duration grace) {
        long begin = System.nanoTime();
        StateFile file = new StateFile(stateDirectory, identity.cluster());
        AtomicReference<Optional<ClusterState>> state = new AtomicReference<>();
        Map<String, Target> targets = new LinkedHashMap<>();
        Set<String> networkNames = new LinkedHashSet<>();
        Set<String> volumeNames = new LinkedHashSet<>();
        Parallel.forEach(
                List.<Runnable>of(
                        () -> state.set(file.read(reporter)),
                        () -> targets.putAll(targets(identity)),
                        () -> networkNames.addAll(networks.list(identity.labels())),
                        () -> volumeNames.addAll(volumes.list(identity.labels()))),
                Runnable::run);
        Path logs = logsOf(stateDirectory);
        // Only what carries the cluster's labels is removed: a state file is a file anyone may have edited.
        state.get()
                .ifPresent(
                        s -> leaveAloneWhatIsNotLabelled(file, s, targets.keySet(), networkNames, volumeNames, logs));

        Teardown teardown = new Teardown();
        reportEarlyEnds(targets.values(), logs);
        // Only stopping follows the dependency order: each container's output is saved and the container removed as
        // soon as it stopped, beside the stops still to come.
        DependentsFirst.stop(
                containers,
                identity.labels(),
                targets.values(),
                target -> new DependentsFirst.Ranked(target.id(), target.rank()),
                target -> stopOne(target, grace, teardown),
                target -> cleanUp(target, logs, teardown));
        removeNetworksAndVolumes(networkNames, volumeNames, teardown);
        file.delete();

        String seconds = String.format("%.1f", (System.nanoTime() - begin) / 1e9);
        List<String> failures = teardown.failures();
        reporter.milestone("Stopped cluster " + identity.cluster() + ": removed " + teardown.counts()
                + (failures.isEmpty() ? "" : "; " + failures.size() + " failed") + " in " + seconds + " s");
        if (!failures.isEmpty()) {
            throw new BerthException("Could not remove all of cluster " + identity.cluster() + ":\n  - "
                    + String.join("\n  - ", failures)
                    + "\nRemove what is left with 'docker rm -f', 'docker network rm' and 'docker volume rm'.");
        }
    }

    /** Where the stop saves each service's output, as {@code SERVICE.log}. */
    static Path logsOf(Path stateDirectory) {
        return stateDirectory.resolve("logs");
    }

    private Map<String, Target> targets(ClusterIdentity identity) {
        Map<String, Target> targets = new LinkedHashMap<>();
        for (ContainerSummary found : containers.list(identity.labels())) {
            String service = found.labels().getOrDefault(Labels.SERVICE, found.name());
            targets.put(
                    found.id(),
                    new Target(found.id(), found.name(), service, DependentsFirst.rank(found), found.ended()));
        }
        return targets;
    }

    /**
     * Warns of each object the state file names that exists but lacks the cluster's labels: it is not removed. Warns
     * too of each service whose container is gone: no output of it is saved.
     */
    private void leaveAloneWhatIsNotLabelled(
            StateFile file,
            ClusterState state,
            Collection<String> containerIds,
            Collection<String> networkNames,
            Collection<String> volumeNames,
            Path logs) {
        List<String> foreign = new ArrayList<>();
        for (ServiceState service : state.services()) {
            if (containerIds.contains(service.containerId())) {
                continue;
            }
            if (containers.status(service.containerId(), "").isPresent()) {
                foreign.add("container " + service.containerId() + " (service " + service.name() + ")");
            } else {
                reporter.warning("Service " + service.name() + " had no container any more when the cluster was"
                        + " stopped (removed by hand?), so " + logs.resolve(service.name() + ".log")
                        + " holds none of its output");
            }
        }
        if (!networkNames.contains(state.network()) && networks.exists(state.network())) {
            foreign.add("network " + state.network());
        }
        state.volumes().stream()
                .filter(volume -> !volumeNames.contains(volume) && volumes.exists(volume))
                .forEach(volume -> foreign.add("volume " + volume));
        if (!foreign.isEmpty()) {
            reporter.warning("Left alone what the state file " + file.path() + " names but does not carry the labels"
                    + " of this cluster: " + String.join(", ", foreign));
        }
    }

    private void stopOne(Target target, Duration grace, Teardown teardown) {
        try {
            containers.stop(target.id(), grace);
        } catch (RuntimeException e) {
            teardown.failed("stopping container " + target.shortId() + " (" + target.name() + ")", e);
        }
    }

    /**
     * Warns of each service that ended with a failure before the cluster was stopped: the tests ran without it. The
     * listing tells which containers ended; only those are inspected, for their exit code.
     */
    private void reportEarlyEnds(Collection<Target> targets, Path logs) {
        Parallel.forEach(
                targets.stream().filter(Target::ended).toList(),
                target -> containers
                        .status(target.id(), "")
                        .filter(status -> status.ended() && (status.exitCode() != 0 || status.oomKilled()))
                        .ifPresent(status -> reporter.warning("Service " + target.service() + " had already ended "
                                + (status.oomKilled()
                                        ? "for lack of memory (OOM)"
                                        : "with exit code " + status.exitCode())
                                + " before the cluster was stopped; its output is saved in "
                                + logs.resolve(target.service() + ".log"))));
    }

    /**
     * Saves the output of a stopped container and removes it. Output that cannot be saved is warned of: the container
     * goes all the same, as a stop leaves nothing behind.
     */
    private void cleanUp(Target target, Path logs, Teardown teardown) {
        Path log = logs.resolve(target.service() + ".log");
        try {
            saveOutput(target, log);
        } catch (IOException | RuntimeException e) {
            reporter.warning("Cannot save the output of service " + target.service() + " to " + log + " ("
                    + Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName())
                    + "); removed its container all the same");
        }
        try {
            if (containers.remove(target.id())) {
                teardown.containerRemoved();
                reporter.detail("Removed container " + target.name() + " of service " + target.service());
            }
        } catch (RuntimeException e) {
            teardown.failed("container " + target.shortId() + " (" + target.name() + ")", e);
        }
    }

    private void saveOutput(Target target, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        boolean copied;
        try (OutputStream out = Files.newOutputStream(log)) {
            copied = output.copyOutput(target.id(), out);
        }
        if (!copied) {
            Files.delete(log);
        }
    }

    /** Removes containers, then volumes and networks, at once and without saving output. */
    Teardown removeNow(
            Collection<String> containerIds, Collection<String> networkNames, Collection<String> volumeNames) {
        Teardown teardown = new Teardown();
        Parallel.forEach(containerIds, id -> {
            try {
                if (containers.remove(id)) {
                    teardown.containerRemoved();
                }
            } catch (RuntimeException e) {
                teardown.failed("container " + id, e);
            }
        });
        removeNetworksAndVolumes(networkNames, volumeNames, teardown);
        return teardown;
    }

    /** Finds and removes at once everything that carries all of {@code labels}. */
    Teardown removeLabelled(Map<String, String> labels) {
        List<String> containerIds = new ArrayList<>();
        List<String> networkNames = new ArrayList<>();
        List<String> volumeNames = new ArrayList<>();
        Parallel.forEach(
                List.<Runnable>of(
                        () -> containers.list(labels).forEach(container -> containerIds.add(container.id())),
                        () -> networkNames.addAll(networks.list(labels)),
                        () -> volumeNames.addAll(volumes.list(labels))),
                Runnable::run);
        return removeNow(containerIds, networkNames, volumeNames);
    }

    private void removeNetworksAndVolumes(
            Collection<String> networkNames, Collection<String> volumeNames, Teardown teardown) {
        for (String volume : volumeNames) {
            try {
                if (volumes.remove(volume)) {
                    teardown.volumeRemoved();
                }
            } catch (RuntimeException e) {
                teardown.failed("volume " + volume, e);
            }
        }
        for (String network : networkNames) {
            try {
                if (networks.remove(network)) {
                    teardown.networkRemoved();
                }
            } catch (RuntimeException e) {
                teardown.failed("network " + network, e);
            }
        }
    }

    private record Target(String id, String name, String service, int rank, boolean ended) {
        String shortId() {
            return id.substring(0, Math.min(12, id.length()));
        }
    }
}
