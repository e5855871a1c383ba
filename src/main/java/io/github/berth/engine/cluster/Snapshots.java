package io.github.berth.engine.cluster;

import io.github.berth.engine.Labels;
import io.github.berth.engine.Reporter;
import io.github.berth.engine.build.ContentKey;
import io.github.berth.engine.build.Rebuild;
import io.github.berth.engine.docker.DockerCommits;
import io.github.berth.engine.docker.DockerContainers;
import io.github.berth.engine.docker.DockerImages;
import io.github.berth.engine.docker.ImageInfo;
import io.github.berth.engine.redo.Clobbers;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Snapshot images of services, {@code CLUSTER-SERVICE-snapshot}: found by their key, or made by starting a container of
 * the service's image with its env, waiting until it is ready, stopping it gracefully and committing it. The service
 * then runs from the snapshot, and its readiness checks must pass again. A snapshot carries the labels of its project
 * and service, never those of the cluster whose container it was made from.
 */
final class Snapshots {

    /** How long a container being snapshotted gets between SIGTERM and SIGKILL. */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private static final Pattern SEPARATORS = Pattern.compile("[._-]+");

    private final DockerContainers containers;
    private final DockerImages images;
    private final DockerCommits commits;
    private final Clobbers clobbers;
    private final Rebuild remake;
    private final String project;
    private final String clusterName;
    private final Reporter reporter;
    private final Map<String, Plan> pending = new ConcurrentHashMap<>();

    /** A snapshot to make: of {@code service}, from {@code baseImage}, under {@code key}. */
    private record Plan(String baseImage, String key) {}

    Snapshots(
            DockerContainers containers,
            DockerImages images,
            DockerCommits commits,
            Clobbers clobbers,
            Rebuild remake,
            ClusterIdentity identity,
            Reporter reporter) {
        this.containers = containers;
        this.images = images;
        this.commits = commits;
        this.clobbers = clobbers;
        this.remake = remake;
        this.project = identity.project();
        this.clusterName = identity.cluster();
        this.reporter = reporter;
    }

    /**
     * The image name of the snapshot of {@code service} in {@code cluster}, lower case: the cluster's name keeps apart
     * the snapshots of projects with a service of the same name.
     */
    static String name(String cluster, String service) {
        return repositoryName(cluster + "-" + service + "-snapshot");
    }

    /** The name a clobber file and {@code berth.rebuild} give the snapshot of {@code service}. */
    static String redoName(String service) {
        return service.toLowerCase(Locale.ROOT) + "-snapshot";
    }

    /** {@code name} in lower case, with each run of separators a repository name cannot hold made one {@code -}. */
    private static String repositoryName(String name) {
        return SEPARATORS
                .matcher(name.toLowerCase(Locale.ROOT))
                .replaceAll(run -> run.group().matches("[._]|__|-+") ? run.group() : "-");
    }

    /**
     * Chooses the image of each service that asks for a snapshot: its snapshot when one with its key exists and no
     * redo is forced; otherwise the snapshot is made when the service starts, by {@link #make}.
     *
     * @param imageRefs the image of each service as resolved so far
     * @return the images to create the services' containers from; services whose snapshot is still to be made are
     *     left out
     */
    Map<String, String> choose(ClusterSpec cluster, Map<String, String> imageRefs) {
        Map<String, String> chosen = new LinkedHashMap<>(imageRefs);
        for (ServiceSpec service : cluster.services()) {
            if (!service.snapshot()) {
                continue;
            }
            String name = name(clusterName, service.name());
            String baseId = images.idOf(imageRefs.get(service.name())).orElseThrow();
            String key = SnapshotKey.of(service, baseId);
            Optional<ImageInfo> existing = forced(service.name())
                    ? Optional.empty()
                    : images.findByLabels(labels(name, key)).stream().findFirst();
            if (existing.isPresent()) {
                images.tag(existing.get().id(), name, "latest");
                reporter.detail("Service " + service.name() + " starts from its snapshot " + name + " ("
                        + existing.get().shortId() + ")");
                chosen.put(service.name(), existing.get().id());
            } else {
                pending.put(service.name(), new Plan(baseId, key));
                chosen.remove(service.name());
            }
        }
        return chosen;
    }

    private boolean forced(String service) {
        String name = name(clusterName, service);
        String redoName = redoName(service);
        Map<String, String> line = line(name);
        Supplier<Optional<Instant>> madeOnEngine =
                () -> images.findByLabels(line).stream().findFirst().map(ImageInfo::created);
        for (String file : List.of(redoName, name)) {
            if (clobbers.due(file, name, madeOnEngine)) {
                reporter.detail("Snapshot " + name + " is made again: clobber." + file + " is newer than it");
                return true;
            }
        }
        return remake.includes(service) || remake.includes(redoName) || remake.includes(name);
    }

    /** Whether the snapshot of {@code service} is made when it starts. */
    boolean pending(String service) {
        return pending.containsKey(service);
    }

    /**
     * Makes the snapshot of {@code service} and creates the service's container from it. While the snapshot is made,
     * its container stands for the service in {@code run}, so a failure is diagnosed and rolled back like any other.
     *
     * @throws ServiceFailedException when the container does not become ready
     */
    void make(ClusterRun run, ServiceSpec service, ReadinessWaiter waiter, Instant deadline)
            throws InterruptedException {
        long begin = System.nanoTime();
        Plan plan = pending.get(service.name());
        String name = name(clusterName, service.name());
        Map<String, String> containerLabels = run.labels(service.name());
        String container = containers.create(
                run.containerName(service.name()) + "-snapshot",
                plan.baseImage(),
                service,
                run.networkName(),
                containerLabels,
                run.volumeNames());
        run.created(service.name(), container);
        containers.start(container);
        waiter.await(service.name(), container, service.readiness(), Instant.now(), deadline);
        containers.stop(container, STOP_GRACE);
        Map<String, String> baseLabels = images.labelsOf(plan.baseImage()).orElse(Map.of());
        String image = commits.commit(
                container, name, snapshotLabels(containerLabels, baseLabels, service.name(), name, plan.key()));
        images.tag(image, name, ContentKey.tag(plan.key()));
        containers.remove(container);
        clobbers.made(name);
        reporter.milestone(String.format(
                "Snapshot %s made (%s) in %.1f s", name, ImageInfo.shortId(image), (System.nanoTime() - begin) / 1e9));

        run.created(
                service.name(),
                containers.create(
                        run.containerName(service.name()),
                        image,
                        service,
                        run.networkName(),
                        run.labels(service.name()),
                        run.volumeNames()));
    }

    /** The labels every snapshot of {@code name} carries. */
    private Map<String, String> line(String name) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.OWNER, Labels.OWNER_VALUE);
        labels.put(Labels.PROJECT, project);
        labels.put(Labels.BUILDER, name);
        return labels;
    }

    /**
     * The labels a snapshot is committed with: those of its base image other than Berth's, and Berth's labels of a
     * snapshot of this project's {@code service}. The engine keeps every label of the container it commits that the
     * commit does not set, so the container's own and the base image's Berth labels are set empty.
     */
    private Map<String, String> snapshotLabels(
            Map<String, String> containerLabels,
            Map<String, String> baseLabels,
            String service,
            String name,
            String key) {
        Map<String, String> labels = new LinkedHashMap<>();
        containerLabels.keySet().forEach(label -> labels.put(label, ""));
        baseLabels.forEach((label, value) -> labels.put(label, label.startsWith(Labels.NAMESPACE) ? "" : value));
        labels.putAll(labels(name, key));
        labels.put(Labels.SNAPSHOT, service);
        return labels;
    }

    private Map<String, String> labels(String name, String key) {
        Map<String, String> labels = line(name);
        labels.put(Labels.KEY, key);
        return labels;
    }
}
