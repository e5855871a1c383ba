package io.github.berth.engine.cluster;

import io.github.berth.engine.Holders;
import io.github.berth.engine.Labels;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run of start-cluster: the names it gives to what it creates, the labels it puts on them, and the containers
 * created so far. Every name carries the run id, so two builds of one project never clash.
 */
final class ClusterRun {

    private final ClusterSpec cluster;
    private final ClusterIdentity identity;
    private final String runId;
    private final DependencyOrder order;
    private final Map<String, String> containerIds = new ConcurrentHashMap<>();

    ClusterRun(ClusterSpec cluster, ClusterIdentity identity, String runId, DependencyOrder order) {
        this.cluster = cluster;
        this.identity = identity;
        this.runId = runId;
        this.order = order;
    }

    ClusterSpec cluster() {
        return cluster;
    }

    String runId() {
        return runId;
    }

    DependencyOrder order() {
        return order;
    }

    String networkName() {
        return "berth-" + cluster.name() + "-" + runId;
    }

    String containerName(String service) {
        return cluster.name() + "-" + service + "-" + runId;
    }

    /** The engine's names of the cluster's named volumes, by the names the services give them. */
    Map<String, String> volumeNames() {
        Map<String, String> names = new LinkedHashMap<>();
        cluster.services().stream()
                .flatMap(service -> service.volumes().stream())
                .filter(volume -> volume.kind() == VolumeSpec.Kind.NAMED)
                .forEach(volume -> names.put(volume.source(), cluster.name() + "-" + volume.source() + "-" + runId));
        return names;
    }

    /** The labels of everything this run creates, with this process as its holder. */
    Map<String, String> labels() {
        return Holders.held(identity.labels(runId));
    }

    /** The labels of the container of {@code service}: the service's own, then Berth's. */
    Map<String, String> labels(String service) {
        Map<String, String> labels =
                new LinkedHashMap<>(cluster.service(service).orElseThrow().labels());
        labels.putAll(labels());
        labels.put(Labels.SERVICE, service);
        labels.put(Labels.RANK, String.valueOf(order.rank(service)));
        return labels;
    }

    void created(String service, String containerId) {
        containerIds.put(service, containerId);
    }

    String containerId(String service) {
        return Optional.ofNullable(containerIds.get(service))
                .orElseThrow(() -> new IllegalStateException("No container for service " + service));
    }

    Collection<String> containerIds() {
        return List.copyOf(containerIds.values());
    }

    /** The state of the run, with {@code ready} services described fully and the others by their container. */
    ClusterState state(Map<String, ServiceState> ready) {
        List<ServiceState> services = order.startOrder().stream()
                .filter(containerIds::containsKey)
                .map(name -> ready.getOrDefault(
                        name,
                        new ServiceState(
                                name, containerId(name), containerName(name), order.rank(name), "", "", List.of())))
                .toList();
        return new ClusterState(
                cluster.name(), runId, networkName(), List.copyOf(volumeNames().values()), services);
    }
}
