package io.github.berth.maven;

import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.cluster.Dependency;
import io.github.berth.engine.cluster.PortSpec;
import io.github.berth.engine.cluster.ReadinessCheck;
import io.github.berth.engine.cluster.ServiceSpec;
import io.github.berth.engine.cluster.VolumeSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A {@code <service>} of the {@code <cluster>} element. */
public class ServiceConfig {

    /** The service's name; other services reach it under this name. */
    String name;

    /** An image reference, or the name of a builder whose image {@code build-images} made. */
    String image;

    /** Environment variables, each as {@code <NAME>value</NAME>}. */
    Map<String, String> env = new LinkedHashMap<>();

    /** The command, one {@code <arg>} per word; the image's when empty. */
    List<String> command = new ArrayList<>();

    /** The entrypoint, one {@code <arg>} per word; the image's when empty. */
    List<String> entrypoint = new ArrayList<>();

    /** Ports to publish, each a {@code <port>}. */
    List<PortConfig> ports = new ArrayList<>();

    /** Mounts, each a {@code <volume>}. */
    List<VolumeConfig> volumes = new ArrayList<>();

    /** Further names of the service on the cluster network. */
    List<String> aliases = new ArrayList<>();

    /** Labels for the container, each as {@code <key>value</key>}. */
    Map<String, String> labels = new LinkedHashMap<>();

    /** The user to run as. */
    String user;

    /** The working directory inside the container. */
    String workingDir;

    /** The memory limit, e.g. {@code 256m}. */
    String memory;

    /** Services to wait for: one {@code <dependsOn>} element each. */
    List<DependencyConfig> dependsOn = new ArrayList<>();

    /** When the service counts as ready. */
    ReadinessConfig readiness;

    /**
     * Whether the service starts from a snapshot, image {@code CLUSTER-NAME-snapshot}: the first time, a container of its
     * image with its env is started, made ready, stopped and committed; later clusters start from that image. A new
     * image or a changed env makes a new snapshot. Volumes are not part of a snapshot.
     */
    boolean snapshot;

    /**
     * Adds a service to wait for; Maven calls this for each {@code <dependsOn>} element.
     *
     * @param dependency the service and its condition
     */
    public void addDependsOn(DependencyConfig dependency) {
        dependsOn.add(dependency);
    }

    ServiceSpec toSpec(int index, Path basedir, Duration clusterDeadline) {
        Problems problems = new Problems();
        ServiceSpec spec = toSpec(index, basedir, clusterDeadline, problems);
        problems.throwIfAny("<service> number " + (index + 1));
        return spec;
    }

    /** The service's spec, or {@code null} when it cannot be made; each mistake goes to {@code problems}. */
    ServiceSpec toSpec(int index, Path basedir, Duration clusterDeadline, Problems problems) {
        if (ConfigValues.isBlank(name)) {
            problems.add("<service> number " + (index + 1) + " has no <name>; give it one");
            return null;
        }
        String where = "service '" + name + "'";
        if (ConfigValues.isBlank(image)) {
            problems.add(where + " has no <image>; name an image or a builder");
        }
        List<PortSpec> portSpecs = new ArrayList<>();
        for (PortConfig port : ports == null ? List.<PortConfig>of() : ports) {
            problems.attempt(() -> portSpecs.add(port.toSpec(where)), false);
        }
        List<VolumeSpec> volumeSpecs = new ArrayList<>();
        for (VolumeConfig volume : volumes == null ? List.<VolumeConfig>of() : volumes) {
            problems.attempt(() -> volumeSpecs.add(volume.toSpec(where, basedir)), false);
        }
        List<Dependency> dependencies = new ArrayList<>();
        for (DependencyConfig dependency : dependsOn == null ? List.<DependencyConfig>of() : dependsOn) {
            problems.attempt(() -> dependencies.add(dependency.toDependency(where)), false);
        }
        long memoryBytes = ConfigValues.isBlank(memory)
                ? 0
                : problems.attempt(() -> ConfigValues.bytes(memory, where + " <memory>"), 0L);
        List<ReadinessCheck> checks = readiness == null
                ? List.of()
                : problems.attempt(() -> readiness.toChecks(where, clusterDeadline, portSpecs), List.of());
        return problems.attempt(
                () -> new ServiceSpec(
                        name.trim(),
                        ConfigValues.isBlank(image) ? "" : image.trim(),
                        orEmpty(env),
                        strings(command),
                        strings(entrypoint),
                        portSpecs,
                        volumeSpecs,
                        strings(aliases),
                        orEmpty(labels),
                        ConfigValues.isBlank(user) ? null : user,
                        ConfigValues.isBlank(workingDir) ? null : workingDir,
                        memoryBytes,
                        dependencies,
                        checks,
                        snapshot),
                null);
    }

    private static List<String> strings(List<String> values) {
        return values == null
                ? List.of()
                : values.stream().map(v -> v == null ? "" : v).toList();
    }

    private static Map<String, String> orEmpty(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> copy.put(k, v == null ? "" : v));
        }
        return copy;
    }

    /** A {@code <dependsOn>} of a service. */
    public static class DependencyConfig {

        /** The service to wait for. */
        String service;

        /** {@code started}, {@code ready} (when empty) or {@code completed} (ended with exit code 0). */
        String condition;

        Dependency toDependency(String where) {
            if (ConfigValues.isBlank(service)) {
                throw new ConfigurationException(
                        where + " has a <dependsOn> without <service>; name the service to" + " wait for");
            }
            String word =
                    ConfigValues.isBlank(condition) ? "READY" : condition.trim().toUpperCase(Locale.ROOT);
            return Arrays.stream(Dependency.Condition.values())
                    .filter(known -> known.name().equals(word))
                    .findFirst()
                    .map(known -> new Dependency(service.trim(), known))
                    .orElseThrow(() -> new ConfigurationException(where + " <dependsOn> on '" + service
                            + "' has <condition> '" + condition + "'; use started, ready or completed"));
        }
    }

    /** A {@code <port>} of a service. */
    public static class PortConfig {

        /** The port inside the container, from 1 to 65535. */
        String container;

        /** The host port; a free one when empty. */
        String host;

        /** The host address to bind; {@code 127.0.0.1} for a local engine when empty. */
        String hostIp;

        /**
         * Takes {@code <port>8080</port>} as {@code <port><container>8080</container></port>}; Maven calls this for a
         * {@code <port>} written as text.
         *
         * @param container the port inside the container
         */
        public void set(String container) {
            this.container = container;
        }

        PortSpec toSpec(String where) {
            if (ConfigValues.isBlank(container)) {
                throw new ConfigurationException(where + " has a <port> without <container> port; add one");
            }
            return new PortSpec(
                    ConfigValues.port(container, where + " <ports><port><container>", ""),
                    ConfigValues.isBlank(host)
                            ? 0
                            : ConfigValues.port(
                                    host, where + " <ports><port><host>", ", or leave it empty for a free one"),
                    ConfigValues.isBlank(hostIp) ? "" : hostIp.trim());
        }
    }

    /** A {@code <volume>} of a service. */
    public static class VolumeConfig {

        /** {@code bind}, {@code volume} or {@code tmpfs}; guessed from the source when empty. */
        String type;

        /** A path relative to the project for a bind mount, or a volume's name; nothing for tmpfs. */
        String source;

        /** The absolute path inside the container. */
        String target;

        /** Whether the container may only read. */
        boolean readOnly;

        VolumeSpec toSpec(String where, Path basedir) {
            if (ConfigValues.isBlank(target)) {
                throw new ConfigurationException(
                        where + " has a <volume> without <target>; add the path inside the" + " container");
            }
            VolumeSpec.Kind kind = kind(where);
            String resolved = kind == VolumeSpec.Kind.BIND
                    ? basedir.resolve(source.trim()).normalize().toString()
                    : ConfigValues.isBlank(source) ? "" : source.trim();
            return new VolumeSpec(kind, resolved, target.trim(), readOnly);
        }

        private VolumeSpec.Kind kind(String where) {
            if (ConfigValues.isBlank(type)) {
                if (ConfigValues.isBlank(source)) {
                    return VolumeSpec.Kind.TMPFS;
                }
                boolean path = source.contains("/") || source.startsWith(".");
                return path ? VolumeSpec.Kind.BIND : VolumeSpec.Kind.NAMED;
            }
            return switch (type.trim().toLowerCase(Locale.ROOT)) {
                case "bind" -> VolumeSpec.Kind.BIND;
                case "volume" -> VolumeSpec.Kind.NAMED;
                case "tmpfs" -> VolumeSpec.Kind.TMPFS;
                default ->
                    throw new ConfigurationException(where + " <volume> for " + target + " has <type> '" + type
                            + "'; use bind, volume or tmpfs");
            };
        }
    }
}
