package io.github.berth.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import io.github.berth.engine.BerthException;
import io.github.berth.engine.Labels;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What collecting coverage needs from the engine: the cluster's containers, a graceful stop, and their files. */
public final class DockerCoverage {

    private final DockerClient client;

    public DockerCoverage(DockerEngine engine) {
        this.client = Objects.requireNonNull(engine, "engine").client();
    }

    /** The containers, running or stopped, labelled with {@code project} and {@code cluster}, newest first. */
    public List<ClusterContainer> clusterContainers(String project, String cluster) {
        List<Container> containers;
        try {
            containers = client.listContainersCmd()
                    .withShowAll(true)
                    .withLabelFilter(Map.of(Labels.PROJECT, project, Labels.CLUSTER, cluster))
                    .exec();
        } catch (DockerException e) {
            throw new BerthException(
                    "Cannot list the containers of cluster '" + cluster + "' of project " + project + ": "
                            + e.getMessage(),
                    e);
        }
        return containers.stream()
                .filter(container ->
                        container.getLabels() != null && container.getLabels().containsKey(Labels.SERVICE))
                .map(DockerCoverage::toClusterContainer)
                .sorted(Comparator.comparing(ClusterContainer::created).reversed())
                .toList();
    }

    private static ClusterContainer toClusterContainer(Container container) {
        String[] names = container.getNames();
        String name = names == null || names.length == 0 ? container.getId() : names[0].replaceFirst("^/", "");
        long created = container.getCreated() == null ? 0 : container.getCreated();
        return new ClusterContainer(
                container.getLabels().get(Labels.SERVICE),
                container.getId(),
                name,
                "running".equals(container.getState()),
                Instant.ofEpochSecond(created));
    }

    /**
     * Stops a container: SIGTERM, then SIGKILL once {@code grace} has passed. A container already stopped is left as
     * it is.
     *
     * @return the container's exit code once stopped
     */
    public int stop(ClusterContainer container, Duration grace) {
        try {
            client.stopContainerCmd(container.id())
                    .withTimeout((int) Math.max(0, grace.toSeconds()))
                    .exec();
        } catch (NotModifiedException e) {
            // already stopped
        } catch (DockerException e) {
            throw new BerthException(
                    "Cannot stop container " + container.name() + " of service " + container.service() + ": "
                            + e.getMessage(),
                    e);
        }
        return exitCode(container);
    }

    private int exitCode(ClusterContainer container) {
        try {
            Long code =
                    client.inspectContainerCmd(container.id()).exec().getState().getExitCodeLong();
            return code == null ? -1 : code.intValue();
        } catch (DockerException e) {
            throw new BerthException(
                    "Cannot inspect container " + container.name() + " of service " + container.service() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Streams {@code path} out of the container as a tar archive, from a running or a stopped container. The caller
     * closes the stream.
     *
     * @return the archive, or empty when the container has no such path
     */
    public Optional<InputStream> copyOut(ClusterContainer container, String path) {
        try {
            return Optional.of(
                    client.copyArchiveFromContainerCmd(container.id(), path).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (DockerException e) {
            throw new BerthException(
                    "Cannot copy " + path + " out of container " + container.name() + " of service "
                            + container.service() + ": " + e.getMessage(),
                    e);
        }
    }
}
