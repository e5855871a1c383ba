package io.github.berth.engine.coverage;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.Labels;
import io.github.berth.engine.Reporter;
import io.github.berth.engine.cluster.ClusterState;
import io.github.berth.engine.cluster.DependentsFirst;
import io.github.berth.engine.cluster.StateFile;
import io.github.berth.engine.docker.ContainerStatus;
import io.github.berth.engine.docker.ContainerSummary;
import io.github.berth.engine.docker.DockerArchives;
import io.github.berth.engine.docker.DockerContainers;
import io.github.berth.engine.docker.DockerEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brings the coverage data of a cluster's services home: stops each service gracefully so that its agents write their
 * data, copies its coverage directory out of the container, and merges the JaCoCo execution data into one file.
 */
public final class CoverageCollector {

    /** The exit code of a process killed by SIGKILL. */
    private static final int KILLED = 137;

    private static final String GONE = "its container is gone; was it removed, or the cluster stopped, before"
            + " collect-coverage ran? Run stop-cluster after collect-coverage";

    private final DockerContainers containers;
    private final DockerArchives archives;
    private final Reporter reporter;

    public CoverageCollector(DockerEngine engine, Reporter reporter) {
        this.containers = new DockerContainers(engine);
        this.archives = new DockerArchives(engine);
        this.reporter = Objects.requireNonNull(reporter, "reporter");
    }

    /**
     * Collects from every service {@code request} names. A service without a coverage directory, or one that cannot be
     * stopped or copied, is reported as a warning and counted; it does not stop the others.
     *
     * @throws ConfigurationException when the request names a service the cluster does not have, or a relative
     *     coverage directory, or when a service's folder or the merged file holds what collect-coverage did not write
     */
    public CoverageResult collect(CoverageRequest request) {
        Objects.requireNonNull(request, "request");
        long start = System.nanoTime();
        Optional<ClusterState> state =
                new StateFile(request.stateDirectory(), request.cluster().cluster()).read(reporter);
        Map<String, Target> targets = targets(request, state);
        Map<String, Target> gone = gone(state, targets);
        checkRequest(request, targets, gone);
        if (targets.isEmpty() && gone.isEmpty()) {
            reporter.warning(
                    "Found no container of cluster " + request.cluster().cluster() + ": no state file in "
                            + request.stateDirectory() + " and no container with its labels; run start-cluster before"
                            + " collect-coverage");
        }

        Gathered collection = new Gathered();
        List<Target> selected = selected(request, targets);
        for (Target target : selected) {
            CoverageOutput.checkServiceFolder(
                    request.outputDirectory().resolve(target.service()), target.service(), request.stateDirectory());
        }
        CoverageOutput.checkMergedFile(request.mergedExec());
        Map<Target, Stopped> stops = new ConcurrentHashMap<>();
        // Dependents first, as stop-cluster stops them: a service may need its dependencies while it shuts down. The
        // services of one dependency rank stop at once, so a rank that ignores SIGTERM costs one grace period.
        DependentsFirst.stop(
                containers,
                request.cluster().labels(),
                selected,
                container -> new DependentsFirst.Ranked(container.id(), container.rank()),
                container -> stops.put(container, stop(request, container)),
                container -> {});
        for (Target container : selected) {
            collectService(request, container, stops.get(container), collection);
        }
        for (Target container : selected(request, gone)) {
            reporter.warning("Cannot collect the coverage of service " + container.service() + " (container "
                    + container.name() + ", " + container.shortId() + "): " + GONE);
            collection.failed.add(container.service());
        }

        List<Path> execFiles = collection.files.stream()
                .filter(file -> file.getFileName().toString().endsWith(".exec"))
                .map(file -> request.outputDirectory().resolve(file))
                .filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
                .toList();
        ExecMerger.MergedExec merged = mergeOrClear(request, execFiles);
        CoverageResult result = new CoverageResult(
                collection.collected,
                collection.withoutDirectory,
                collection.failed,
                collection.files,
                execFiles,
                merged == null || merged.files() == 0 ? null : merged.output(),
                merged == null ? 0 : merged.files(),
                merged == null ? 0 : merged.classes());
        reporter.milestone(CoverageSummary.of(result, request, System.nanoTime() - start));
        return result;
    }

    /** The container of one service, and the service's dependency rank. */
    private record Target(String service, String id, String name, int rank) {

        String shortId() {
            return id.substring(0, Math.min(12, id.length()));
        }
    }

    /**
     * The cluster's containers by service, found by their labels: those of the run its state file names, or of any run
     * when the file is gone. A container the state file names is never taken on the file's word alone.
     */
    private Map<String, Target> targets(CoverageRequest request, Optional<ClusterState> state) {
        Optional<String> run = state.map(ClusterState::runId);
        Map<String, Target> targets = new LinkedHashMap<>();
        for (ContainerSummary container : containers.list(request.cluster().labels())) {
            String service = container.labels().get(Labels.SERVICE);
            boolean ofThatRun =
                    run.map(id -> id.equals(container.labels().get(Labels.RUN))).orElse(true);
            if (service != null && ofThatRun) {
                targets.putIfAbsent(
                        service,
                        new Target(service, container.id(), container.name(), DependentsFirst.rank(container)));
            }
        }
        return targets;
    }

    /**
     * The services the state file names that have no container among {@code targets}: removed by hand, or by a stop.
     * They are only reported; the file's container ids are never acted on.
     */
    private static Map<String, Target> gone(Optional<ClusterState> state, Map<String, Target> targets) {
        Map<String, Target> gone = new LinkedHashMap<>();
        state.stream()
                .flatMap(cluster -> cluster.services().stream())
                .filter(service -> service.name() != null && !targets.containsKey(service.name()))
                .forEach(service -> gone.putIfAbsent(
                        service.name(),
                        new Target(
                                service.name(),
                                Objects.requireNonNullElse(service.containerId(), ""),
                                Objects.requireNonNullElse(service.containerName(), ""),
                                service.rank())));
        return gone;
    }

    private static void checkRequest(
            CoverageRequest request, Map<String, Target> containers, Map<String, Target> gone) {
        for (String service : request.services()) {
            if (!containers.containsKey(service) && !gone.containsKey(service)) {
                throw new ConfigurationException("Service '" + service + "' listed in the services of collect-coverage"
                        + " has no container in cluster '" + request.cluster().cluster() + "' (services found: "
                        + (containers.isEmpty() ? "none" : String.join(", ", containers.keySet()))
                        + "); list only services of the cluster, or leave the list empty for all");
            }
        }
        Map<String, String> all = new LinkedHashMap<>(request.directories());
        if (!containers.isEmpty()) {
            request.checkDirectoriesName(containers.keySet());
        }
        all.put("every service", request.directory());
        all.forEach((service, directory) -> {
            if (!directory.startsWith("/")) {
                throw new ConfigurationException("Coverage directory '" + directory + "' of " + service
                        + " is not an absolute path in the container; write it like /coverage");
            }
            if (directory.matches("/+")) {
                throw new ConfigurationException("Coverage directory '" + directory + "' of " + service + " is the"
                        + " container's root, which would copy its whole file system; write the folder the agent"
                        + " writes to, like /coverage");
            }
        });
    }

    private static List<Target> selected(CoverageRequest request, Map<String, Target> containers) {
        if (request.services().isEmpty()) {
            return List.copyOf(containers.values());
        }
        return request.services().stream()
                .filter(containers::containsKey)
                .map(containers::get)
                .toList();
    }

    private void collectService(CoverageRequest request, Target container, Stopped stopped, Gathered collection) {
        String service = container.service();
        String directory = request.directoryOf(service);
        try {
            if (stopped.failure() != null) {
                throw stopped.failure();
            }
            boolean killed = stopped.killed();
            Path target = request.outputDirectory().resolve(service);
            Optional<InputStream> archive = archives.copyOut(container.id(), container.name(), directory);
            if (archive.isEmpty()) {
                reporter.warning("Service " + service + " (container " + container.name() + ") has no coverage"
                        + " directory " + directory + "; point its agent there (for JaCoCo: destfile=" + directory
                        + "/jacoco.exec) or set its directory in coverageDirectories");
                collection.withoutDirectory.add(service);
                return;
            }
            if (killed) {
                reporter.warning("Service " + service + " did not stop within "
                        + DockerContainers.graceSeconds(request.stopTimeout())
                        + " s of SIGTERM and was killed, so its coverage data"
                        + " may be missing or cut short; raise stopGracePeriod (berth.stopGracePeriod)");
            }
            Tree.delete(target);
            CoverageOutput.mark(target);
            SafeExtractor.Extraction extraction;
            try (InputStream in = archive.get()) {
                extraction = new SafeExtractor(
                                target,
                                Tree.lastSegment(directory),
                                "the coverage archive of service " + service,
                                reporter)
                        .extract(in);
            }
            reporter.detail("Copied " + extraction.files().size() + " files of service " + service + " from "
                    + directory + " into " + target);
            extraction
                    .files()
                    .forEach(file -> collection.files.add(Path.of(service).resolve(file)));
            collection.collected.add(service);
        } catch (BerthException | IOException e) {
            reporter.warning("Cannot collect the coverage of service " + service + " (container " + container.name()
                    + ", " + container.shortId() + "): " + e.getMessage());
            collection.failed.add(service);
        }
    }

    /** How stopping a service ended: killed after its grace period, or failed. */
    private record Stopped(boolean killed, BerthException failure) {}

    private Stopped stop(CoverageRequest request, Target container) {
        try {
            return new Stopped(stopGracefully(request, container), null);
        } catch (BerthException e) {
            return new Stopped(false, e);
        }
    }

    /** Stops a running container with SIGTERM and the grace period; tells whether it had to be killed. */
    private boolean stopGracefully(CoverageRequest request, Target container) {
        if (!status(container).running()) {
            return false;
        }
        containers.stop(container.id(), request.stopTimeout());
        return status(container).exitCode() == KILLED;
    }

    private ContainerStatus status(Target container) {
        return containers.status(container.id(), "").orElseThrow(() -> new BerthException(GONE));
    }

    private ExecMerger.MergedExec mergeOrClear(CoverageRequest request, List<Path> execFiles) {
        if (execFiles.isEmpty()) {
            Tree.deleteFile(request.mergedExec());
            return null;
        }
        return ExecMerger.merge(execFiles, request.mergedExec(), reporter);
    }

    /** The services and files gathered so far. */
    private static final class Gathered {
        final List<String> collected = new ArrayList<>();
        final List<String> withoutDirectory = new ArrayList<>();
        final List<String> failed = new ArrayList<>();
        final List<Path> files = new ArrayList<>();
    }
}
