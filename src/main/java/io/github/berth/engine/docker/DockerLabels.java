package io.github.berth.engine.docker;

import io.github.berth.engine.Labels;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Label filters in the engine's list syntax, and the check of every label on what the engine answers. Podman's
 * Docker-compatible service does not filter as Docker does: it lists volumes and networks that carry any one of the
 * labels, and no image at all when asked for two labels. Lists therefore check every label on each answer.
 */
final class DockerLabels {

    private DockerLabels() {}

    /** {@code key=value} for each label, all of which must match. */
    static List<String> filter(Map<String, String> labels) {
        return labels.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList();
    }

    /**
     * The one label to ask the engine for when listing images, as Podman finds none for two: the first in key order
     * whose value is not Berth's owner mark, which every Berth image carries.
     */
    static Map<String, String> narrowest(Map<String, String> labels) {
        return labels.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .filter(e -> !e.getKey().equals(Labels.OWNER))
                .findFirst()
                .or(() -> labels.entrySet().stream().findFirst())
                .map(e -> Map.of(e.getKey(), e.getValue()))
                .orElse(Map.of());
    }

    /** Whether {@code actual} (labels as the engine reports them, or null) holds every one of {@code wanted}. */
    static boolean carries(Map<String, String> actual, Map<String, String> wanted) {
        if (actual == null) {
            return wanted.isEmpty();
        }
        return wanted.entrySet().stream().allMatch(e -> Objects.equals(actual.get(e.getKey()), e.getValue()));
    }
}
