package io.github.berth.engine.docker;

import java.util.List;
import java.util.Objects;

/**
 * What the engine says about a container at one moment.
 *
 * @param id the full container id
 * @param state {@code created}, {@code running}, {@code exited}, {@code dead} and so on
 * @param exitCode the exit code once the container ended
 * @param oomKilled whether the kernel killed it for lack of memory
 * @param health the HEALTHCHECK status ({@code starting}, {@code healthy}, {@code unhealthy}), or {@code null} when
 *     it has none
 * @param healthOutput what the last run of the HEALTHCHECK printed, or empty
 * @param error the engine's error about the container, or empty
 * @param ip the container's address on the network it was asked about, or empty
 * @param gateway that network's gateway as the container sees it, or empty: on a bridge network, the address of the
 *     bridge on the engine's host
 * @param networkId that network's id, or empty
 * @param ports the published ports, read from their IPv4 bindings
 */
public record ContainerStatus(
        String id,
        String state,
        int exitCode,
        boolean oomKilled,
        String health,
        String healthOutput,
        String error,
        String ip,
        String gateway,
        String networkId,
        List<PublishedPort> ports) {

    public ContainerStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        healthOutput = healthOutput == null ? "" : healthOutput;
        error = error == null ? "" : error;
        ip = ip == null ? "" : ip;
        gateway = gateway == null ? "" : gateway;
        networkId = networkId == null ? "" : networkId;
        ports = List.copyOf(ports);
    }

    /** Whether the container ran and ended. */
    public boolean ended() {
        return state.equals("exited") || state.equals("dead");
    }

    public boolean running() {
        return state.equals("running");
    }

    /**
     * A container port published on the host.
     *
     * @param containerPort the port inside the container
     * @param hostIp the host address it is bound to
     * @param hostPort the port on the host
     */
    public record PublishedPort(int containerPort, String hostIp, int hostPort) {}
}
