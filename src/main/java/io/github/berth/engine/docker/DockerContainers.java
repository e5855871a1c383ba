package io.github.berth.engine.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import io.github.berth.engine.BerthException;
import io.github.berth.engine.cluster.PortSpec;
import io.github.berth.engine.cluster.ServiceSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** Creates, starts, inspects, stops and removes the containers of a cluster. */
public final class DockerContainers {

    /** The exit code of a process ended by SIGKILL. */
    private static final long SIGKILL_EXIT = 137;

    private final DockerEngine engine;
    private final DirectRequests direct;
    private final String defaultHostIp;

    public DockerContainers(DockerEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.direct = new DirectRequests(engine.http());
        this.defaultHostIp = engine.endpoint().isLocal() ? PortSpec.LOOPBACK : "0.0.0.0";
    }

    /**
     * Creates the container of {@code service} on {@code network}, reachable there under the service's name and
     * aliases.
     *
     * @param image the image reference to run, already resolved
     * @param volumeNames the engine's names of the cluster's named volumes, by the names the services use
     * @return the container's id
     */
    public String create(
            String name,
            String image,
            ServiceSpec service,
            String network,
            Map<String, String> labels,
            Map<String, String> volumeNames) {
        try {
            return direct.createContainer(
                    name,
                    ContainerConfig.of(image, service, network, labels, volumeNames, defaultHostIp, engine.isPodman()));
        } catch (IOException | RuntimeException e) {
            throw new BerthException(
                    "Cannot create container " + name + " of service '" + service.name() + "' from image " + image
                            + ": " + Causes.said(e),
                    e);
        }
    }

    /**
     * @throws BerthException saying why the engine refused, e.g. a host port already taken
     */
    public void start(String id) {
        try {
            direct.startContainer(id);
        } catch (IOException | RuntimeException e) {
            throw new BerthException("the engine refused to start it: " + Causes.said(e), e);
        }
    }

    /**
     * What the engine says about container {@code id} now.
     *
     * @param network the network whose address to report
     * @return the status, or empty when the container is gone
     */
    public Optional<ContainerStatus> status(String id, String network) {
        Optional<ContainerInspection> found;
        try {
            found = direct.inspectContainer(id);
        } catch (IOException | RuntimeException e) {
            throw new BerthException("Cannot inspect container " + ImageInfo.shortId(id) + ": " + Causes.said(e), e);
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ContainerInspection inspection = found.get();
        ContainerStatus status = inspection.status(network);
        String health = status.health();
        if (health != null && !health.equals("healthy") && status.running()) {
            health = PodmanHealth.check(engine, id).orElse(health);
        }
        return Optional.of(new ContainerStatus(
                status.id(),
                status.state(),
                status.exitCode(),
                status.oomKilled() || killedAtItsMemoryLimit(inspection),
                health,
                status.healthOutput(),
                status.error(),
                status.ip(),
                status.gateway(),
                status.networkId(),
                status.ports()));
    }

    /**
     * Podman 4 does not report a kill for lack of memory: such a container just ends with code 137 (SIGKILL). On Podman,
     * a container with a memory limit that ended so counts as killed for lack of memory. A container stopped by force
     * ends the same way, but failure diagnosis only looks at services that ended on their own.
     */
    private boolean killedAtItsMemoryLimit(ContainerInspection inspection) {
        ContainerStatus status = inspection.status();
        return status.exitCode() == SIGKILL_EXIT
                && !status.running()
                && inspection.memoryLimit() > 0
                && engine.isPodman();
    }

    /**
     * Sends SIGTERM, waits {@code grace}, then kills. A container that is not running or is gone counts as stopped; a
     * paused one is resumed first. The engine counts the grace in whole seconds: a part of a second counts as one.
     */
    public void stop(String id, Duration grace) {
        long seconds = graceSeconds(grace);
        try {
            try {
                direct.stopContainer(id, seconds);
            } catch (DirectRequests.EngineError refused) {
                // Podman refuses to stop a paused container, which Docker resumes itself.
                if (!paused(id)) {
                    throw refused;
                }
                direct.unpauseContainer(id);
                direct.stopContainer(id, seconds);
            }
        } catch (IOException | RuntimeException e) {
            throw new BerthException("Cannot stop container " + ImageInfo.shortId(id) + ": " + Causes.said(e), e);
        }
    }

    /** The grace as the engine counts it: in whole seconds, a part of a second counting as one. */
    public static long graceSeconds(Duration grace) {
        return grace.plusNanos(999_999_999).toSeconds();
    }

    private boolean paused(String id) throws IOException {
        return direct.inspectContainer(id)
                .map(inspection -> inspection.status("").state().equals("paused"))
                .orElse(false);
    }

    /**
     * Follows the ends of the processes of the containers that carry {@code labels}, from about when this returns
     * until the returned follow is closed, passing each one's id to {@code died} on a thread of the follow's. An
     * engine that cannot tell reports nothing: the follow is a way to learn of an end sooner, never the only one.
     */
    public ContainerDeaths followDeaths(Map<String, String> labels, Consumer<String> died) {
        ContainerDeaths deaths = new ContainerDeaths(died);
        deaths.readBy(new Thread(
                () -> {
                    try (DockerHttpClient.Response events = direct.containerEvents(labels)) {
                        if (deaths.following(events)) {
                            deaths.read(events.getBody());
                        }
                    } catch (IOException | RuntimeException e) {
                        // Closing the follow ends its stream this way too.
                    }
                },
                "berth-events"));
        return deaths;
    }

    /**
     * Removes the container, running or not, with its anonymous volumes.
     *
     * @return false when it was gone already
     */
    public boolean remove(String id) {
        try {
            return direct.removeContainer(id);
        } catch (IOException | RuntimeException e) {
            throw new BerthException("Cannot remove container " + ImageInfo.shortId(id) + ": " + Causes.said(e), e);
        }
    }

    /** All containers, running or not, that carry every one of {@code labels}. */
    public List<ContainerSummary> list(Map<String, String> labels) {
        try {
            return direct.containers(labels).stream()
                    .filter(c -> DockerLabels.carries(c.labels(), labels))
                    .toList();
        } catch (IOException | RuntimeException e) {
            throw new BerthException("Cannot list the containers labelled " + labels + ": " + Causes.said(e), e);
        }
    }
}
