package io.github.berth.engine.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A started cluster: what it is made of and how tests reach it. This is what the state file holds.
 *
 * @param cluster the cluster's name
 * @param runId the id of the run of start-cluster that made it
 * @param network the name of the cluster network
 * @param volumes the engine's names of the cluster's named volumes
 * @param services the services in start order
 */
public record ClusterState(
        String cluster, String runId, String network, List<String> volumes, List<ServiceState> services) {

    public ClusterState {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(network, "network");
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        services = services == null ? List.of() : List.copyOf(services);
    }

    /**
     * The properties that describe the cluster to tests: {@code berth.SERVICE.host}, {@code .port} (the first
     * published port), {@code .port.CONTAINERPORT}, {@code .url}, {@code .id} and {@code .ip}.
     */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (ServiceState service : services) {
            String prefix = "berth." + service.name() + ".";
            properties.put(prefix + "id", service.containerId());
            properties.put(prefix + "ip", service.ip());
            if (service.ports().isEmpty()) {
                continue;
            }
            ServicePort first = service.ports().get(0);
            properties.put(prefix + "host", service.host());
            properties.put(prefix + "port", String.valueOf(first.hostPort()));
            properties.put(prefix + "url", "http://" + PortSpec.urlHost(service.host()) + ":" + first.hostPort());
            for (ServicePort port : service.ports()) {
                // A container port published on several host ports is named by the first, as .port and .url are.
                properties.putIfAbsent(prefix + "port." + port.containerPort(), String.valueOf(port.hostPort()));
            }
        }
        return properties;
    }
}
