package io.github.berth.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.TmpfsOptions;
import io.github.berth.engine.BerthException;
import io.github.berth.engine.cluster.PortSpec;
import io.github.berth.engine.cluster.ReadinessCheck;
import io.github.berth.engine.cluster.ServiceSpec;
import io.github.berth.engine.cluster.VolumeSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Creates, starts, inspects, stops and removes the containers of a cluster. */
public final class DockerContainers {

    /** The exit code of a process ended by SIGKILL. */
    private static final long SIGKILL_EXIT = 137;

    private static final long HEALTH_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    private final DockerEngine engine;
    private final DirectRequests direct;
    private final String defaultHostIp;

    public DockerContainers(DockerEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.direct = new DirectRequests(engine.http());
        this.defaultHostIp = engine.endpoint().isLocal() ? PortSpec.LOOPBACK : "0.0.0.0";
    }

    /** docker-java's client, made on first use: a stop that finds nothing ended does without it. */
    private DockerClient client() {
        return engine.client();
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
        List<ExposedPort> exposed = new ArrayList<>();
        Ports bindings = new Ports();
        for (PortSpec port : service.ports()) {
            ExposedPort tcp = ExposedPort.tcp(port.containerPort());
            exposed.add(tcp);
            String ip = port.hostIp().isEmpty() ? defaultHostIp : port.hostIp();
            bindings.bind(
                    tcp,
                    port.hostPort() == 0 ? Ports.Binding.bindIp(ip) : Ports.Binding.bindIpAndPort(ip, port.hostPort()));
        }
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(network)
                .withPortBindings(bindings)
                .withMounts(mounts(service, volumeNames));
        if (service.memoryBytes() > 0) {
            // Swap as large as the memory means no swap: the limit holds, and a service beyond it is killed.
            host.withMemory(service.memoryBytes()).withMemorySwap(service.memoryBytes());
        }
        List<String> aliases = new ArrayList<>();
        aliases.add(service.name());
        aliases.addAll(service.aliases());
        CreateContainerCmd cmd = client().createContainerCmd(image)
                .withName(name)
                .withLabels(labels)
                .withEnv(service.env().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .toList())
                .withExposedPorts(exposed)
                .withHostConfig(host)
                .withAliases(aliases);
        if (!service.command().isEmpty()) {
            cmd.withCmd(service.command());
        }
        if (!service.entrypoint().isEmpty()) {
            cmd.withEntrypoint(service.entrypoint());
        }
        if (service.user() != null) {
            cmd.withUser(service.user());
        }
        if (service.workingDir() != null) {
            cmd.withWorkingDir(service.workingDir());
        }
        healthcheck(service).ifPresent(cmd::withHealthcheck);
        try (cmd) {
            return cmd.exec().getId();
        } catch (RuntimeException e) {
            throw new BerthException(
                    "Cannot create container " + name + " of service '" + service.name() + "' from image " + image
                            + ": " + Causes.said(e),
                    e);
        }
    }

    private static List<Mount> mounts(ServiceSpec service, Map<String, String> volumeNames) {
        List<Mount> mounts = new ArrayList<>();
        for (VolumeSpec volume : service.volumes()) {
            Mount mount = new Mount().withTarget(volume.target()).withReadOnly(volume.readOnly());
            switch (volume.kind()) {
                case BIND -> mount.withType(MountType.BIND).withSource(volume.source());
                case NAMED -> mount.withType(MountType.VOLUME).withSource(volumeNames.get(volume.source()));
                case TMPFS -> mount.withType(MountType.TMPFS).withTmpfsOptions(new TmpfsOptions());
            }
            mounts.add(mount);
        }
        return mounts;
    }

    private static Optional<HealthCheck> healthcheck(ServiceSpec service) {
        return service.readiness().stream()
                .filter(check -> check instanceof ReadinessCheck.Healthy healthy
                        && !healthy.command().isEmpty())
                .map(check -> {
                    List<String> test = new ArrayList<>();
                    test.add("CMD");
                    test.addAll(((ReadinessCheck.Healthy) check).command());
                    return new HealthCheck()
                            .withTest(test)
                            .withInterval(HEALTH_INTERVAL_NANOS)
                            .withTimeout(HEALTH_INTERVAL_NANOS * 5)
                            .withRetries(3);
                })
                .findFirst();
    }

    /**
     * @throws BerthException saying why the engine refused, e.g. a host port already taken
     */
    public void start(String id) {
        try {
            client().startContainerCmd(id).exec();
        } catch (NotModifiedException e) {
            // already running
        } catch (RuntimeException e) {
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
        InspectContainerResponse inspect;
        try {
            inspect = client().inspectContainerCmd(id).exec();
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        InspectContainerResponse.ContainerState state = inspect.getState();
        Long exit = state.getExitCodeLong();
        // Podman reports an empty health status for a container without a health check, Docker none at all.
        String health = state.getHealth() == null || isBlank(state.getHealth().getStatus())
                ? null
                : state.getHealth().getStatus();
        if (health != null && !health.equals("healthy") && Boolean.TRUE.equals(state.getRunning())) {
            health = PodmanHealth.check(engine, id).orElse(health);
        }
        ContainerNetwork onNetwork = inspect.getNetworkSettings() == null
                        || inspect.getNetworkSettings().getNetworks() == null
                ? null
                : inspect.getNetworkSettings().getNetworks().get(network);
        return Optional.of(new ContainerStatus(
                inspect.getId(),
                state.getStatus() == null ? "unknown" : state.getStatus(),
                exit == null ? 0 : exit.intValue(),
                Boolean.TRUE.equals(state.getOOMKilled()) || killedAtItsMemoryLimit(inspect),
                health,
                state.getError(),
                onNetwork == null ? "" : onNetwork.getIpAddress(),
                publishedPorts(inspect)));
    }

    /**
     * Podman 4 does not report a kill for lack of memory: such a container just ends with code 137 (SIGKILL). On Podman,
     * a container with a memory limit that ended so counts as killed for lack of memory. A container stopped by force
     * ends the same way, but failure diagnosis only looks at services that ended on their own.
     */
    private boolean killedAtItsMemoryLimit(InspectContainerResponse inspect) {
        InspectContainerResponse.ContainerState state = inspect.getState();
        Long exit = state.getExitCodeLong();
        Long memory =
                inspect.getHostConfig() == null ? null : inspect.getHostConfig().getMemory();
        return exit != null
                && exit == SIGKILL_EXIT
                && !Boolean.TRUE.equals(state.getRunning())
                && memory != null
                && memory > 0
                && engine.isPodman();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static List<ContainerStatus.PublishedPort> publishedPorts(InspectContainerResponse inspect) {
        List<ContainerStatus.PublishedPort> ports = new ArrayList<>();
        if (inspect.getNetworkSettings() == null || inspect.getNetworkSettings().getPorts() == null) {
            return ports;
        }
        for (Map.Entry<ExposedPort, Ports.Binding[]> entry :
                inspect.getNetworkSettings().getPorts().getBindings().entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            for (Ports.Binding binding : entry.getValue()) {
                String ip = binding.getHostIp();
                // The engine binds IPv6 as well when asked for all addresses; the IPv4 binding is the one we reach.
                if (ip != null && ip.contains(":")) {
                    continue;
                }
                ports.add(new ContainerStatus.PublishedPort(
                        entry.getKey().getPort(), ip, Integer.parseInt(binding.getHostPortSpec())));
                break;
            }
        }
        return ports;
    }

    /**
     * Sends SIGTERM, waits {@code grace}, then kills. A container that is not running or is gone counts as stopped.
     */
    public void stop(String id, Duration grace) {
        try {
            direct.stopContainer(id, grace.toSeconds());
        } catch (IOException | RuntimeException e) {
            throw new BerthException("Cannot stop container " + ImageInfo.shortId(id) + ": " + Causes.said(e), e);
        }
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
