package io.github.berth.engine.cluster;

import io.github.berth.engine.ConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One service of a cluster: a container, how to run it and when it counts as ready.
 *
 * @param name the service's name; other services reach it under this name on the cluster network
 * @param image the image reference, or the name of a builder whose image {@code build-images} made
 * @param env environment variables
 * @param command the command, or empty for the image's
 * @param entrypoint the entrypoint, or empty for the image's
 * @param ports container ports to publish on the host
 * @param volumes bind mounts, named volumes and tmpfs mounts
 * @param aliases further names of the service on the cluster network
 * @param labels labels to put on the container besides Berth's own
 * @param user the user to run as, or {@code null} for the image's
 * @param workingDir the working directory, or {@code null} for the image's
 * @param memoryBytes the memory limit in bytes, or 0 for none
 * @param dependsOn services that must reach a condition before this one starts
 * @param readiness checks that must all pass before the service counts as ready
 * @param snapshot whether the service starts from a snapshot: an image committed from a container of its image, with
 *     its env, once it was ready; made the first time and whenever the image or the env changes
 */
public record ServiceSpec(
        String name,
        String image,
        Map<String, String> env,
        List<String> command,
        List<String> entrypoint,
        List<PortSpec> ports,
        List<VolumeSpec> volumes,
        List<String> aliases,
        Map<String, String> labels,
        String user,
        String workingDir,
        long memoryBytes,
        List<Dependency> dependsOn,
        List<ReadinessCheck> readiness,
        boolean snapshot) {

    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        env = Map.copyOf(env);
        command = List.copyOf(command);
        entrypoint = List.copyOf(entrypoint);
        ports = List.copyOf(ports);
        volumes = List.copyOf(volumes);
        aliases = List.copyOf(aliases);
        labels = Map.copyOf(labels);
        dependsOn = List.copyOf(dependsOn);
        readiness = List.copyOf(readiness);
        if (snapshot && readiness.stream().anyMatch(check -> check instanceof ReadinessCheck.Exit)) {
            throw new ConfigurationException("Service '" + name + "' asks for a <snapshot> but waits for its exit; a"
                    + " snapshot is taken of a running, ready service: remove <snapshot> or the <exit> check");
        }
    }

    /** A service that starts from its image as it is, without a snapshot. */
    public ServiceSpec(
            String name,
            String image,
            Map<String, String> env,
            List<String> command,
            List<String> entrypoint,
            List<PortSpec> ports,
            List<VolumeSpec> volumes,
            List<String> aliases,
            Map<String, String> labels,
            String user,
            String workingDir,
            long memoryBytes,
            List<Dependency> dependsOn,
            List<ReadinessCheck> readiness) {
        this(
                name,
                image,
                env,
                command,
                entrypoint,
                ports,
                volumes,
                aliases,
                labels,
                user,
                workingDir,
                memoryBytes,
                dependsOn,
                readiness,
                false);
    }

    /** Whether the service is meant to run to its end: one of its readiness checks waits for its exit. */
    boolean awaitsExit() {
        return readiness.stream().anyMatch(check -> check instanceof ReadinessCheck.Exit);
    }
}
