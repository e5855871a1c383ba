package io.github.berth.engine.cluster;

import io.github.berth.engine.Labels;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What tells a project's cluster apart from every other on the engine: the project, the cluster's name and the folder
 * the project was built in. Everything a run creates carries these as labels.
 *
 * @param project the project, as {@code groupId:artifactId}
 * @param cluster the cluster's name
 * @param directory the project's folder
 */
public record ClusterIdentity(String project, String cluster, String directory) {

    public ClusterIdentity {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(directory, "directory");
    }

    /** The labels that find every object of this cluster, from any run. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.OWNER, Labels.OWNER_VALUE);
        labels.put(Labels.PROJECT, project);
        labels.put(Labels.CLUSTER, cluster);
        labels.put(Labels.DIRECTORY, directory);
        return Map.copyOf(labels);
    }

    /** The labels that find every object of one run of this cluster. */
    public Map<String, String> labels(String runId) {
        Map<String, String> labels = new LinkedHashMap<>(labels());
        labels.put(Labels.RUN, runId);
        return Map.copyOf(labels);
    }
}
