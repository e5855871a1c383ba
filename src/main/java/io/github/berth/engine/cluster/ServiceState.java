package io.github.berth.engine.cluster;

import java.util.List;
import java.util.Objects;

/**
 * A running service of a started cluster and how tests reach it.
 *
 * @param name the service's name
 * @param containerId the full id of its container
 * @param containerName the name of its container
 * @param rank its rank in the dependency order
 * @param host the host name at which its published ports are reached
 * @param ip its address on the cluster network
 * @param ports its published ports, in the order the service lists them
 */
public record ServiceState(
        String name,
        String containerId,
        String containerName,
        int rank,
        String host,
        String ip,
        List<ServicePort> ports) {

    public ServiceState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(containerName, "containerName");
        host = host == null ? "" : host;
        ip = ip == null ? "" : ip;
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    /** The first twelve characters of the container id, as the Docker CLI shows them. */
    public String shortId() {
        return containerId.substring(0, Math.min(12, containerId.length()));
    }

    /** Where tests reach the first published port, or the address on the cluster network without one. */
    public String endpoint() {
        if (!hasAddress()) {
            return "(its container has ended, so it has no address)";
        }
        return ports.isEmpty()
                ? ip + " (cluster network only)"
                : PortSpec.urlHost(host) + ":" + ports.get(0).hostPort();
    }

    /** Whether tests can reach the service: it publishes a port or has an address on the cluster network. */
    public boolean hasAddress() {
        return !ports.isEmpty() || !ip.isEmpty();
    }
}
