package io.github.berth.engine.docker;

import java.util.Map;
import java.util.Objects;

/**
 * A container as a listing shows it.
 *
 * @param id the full container id
 * @param name the container's name, without the leading slash
 * @param labels all labels of the container
 */
public record ContainerSummary(String id, String name, Map<String, String> labels) {

    public ContainerSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
    }
}
