package io.github.berth.engine.docker;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A container as a listing shows it.
 *
 * @param id the full container id
 * @param name the container's name, without the leading slash
 * @param labels all labels of the container
 * @param state {@code created}, {@code running}, {@code exited}, {@code dead} and so on, as the listing says
 */
public record ContainerSummary(String id, String name, Map<String, String> labels, String state) {

    public ContainerSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        state = state == null ? "unknown" : state.toLowerCase(Locale.ROOT);
    }

    /** Whether the container ran and ended; only such a container has an exit code worth asking for. */
    public boolean ended() {
        return state.equals("exited") || state.equals("dead");
    }
}
