package io.github.berth.engine.cluster;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A cluster of services that integration tests run against.
 *
 * @param name the cluster's name, part of every container, network and volume name
 * @param services the services, in the order the user listed them
 * @param deadline how long the whole cluster may take to become ready
 */
public record ClusterSpec(String name, List<ServiceSpec> services, Duration deadline) {

    /** How long a cluster may take to become ready unless told otherwise. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(120);

    public ClusterSpec {
        Objects.requireNonNull(name, "name");
        services = List.copyOf(services);
        Objects.requireNonNull(deadline, "deadline");
    }

    public Optional<ServiceSpec> service(String serviceName) {
        return services.stream().filter(s -> s.name().equals(serviceName)).findFirst();
    }

    /**
     * The names {@code berth.rebuild} may give a service's snapshot: the service's, {@code SERVICE-snapshot} and the
     * snapshot image's, {@code CLUSTER-SERVICE-snapshot}.
     */
    public Set<String> snapshotRedoNames() {
        Set<String> names = new TreeSet<>();
        services.forEach(service -> {
            names.add(service.name());
            names.add(Snapshots.redoName(service.name()));
            names.add(Snapshots.name(name, service.name()));
        });
        return Collections.unmodifiableSet(names);
    }
}
