package io.github.berth.engine.docker;

import java.util.List;
import java.util.Map;

/** Label filters in the engine's list syntax. */
final class DockerLabels {

    private DockerLabels() {}

    /** {@code key=value} for each label, all of which must match. */
    static List<String> filter(Map<String, String> labels) {
        return labels.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList();
    }
}
