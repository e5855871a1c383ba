package io.github.berth.engine.docker;

import java.time.Instant;
import java.util.Objects;

/**
 * A container that runs a service of a cluster, as the engine lists it.
 *
 * @param service the service's name, from the container's labels
 * @param id the container's full id
 * @param name the container's name, without the leading slash
 * @param running whether the container runs now
 * @param created when the engine created the container
 */
public record ClusterContainer(String service, String id, String name, boolean running, Instant created) {

    public ClusterContainer {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(created, "created");
    }

    /** The first twelve characters of the id, as the Docker CLI shows it. */
    public String shortId() {
        return id.substring(0, Math.min(12, id.length()));
    }
}
