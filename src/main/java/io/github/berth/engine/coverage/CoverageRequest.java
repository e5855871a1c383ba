package io.github.berth.engine.coverage;

import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.cluster.ClusterIdentity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to collect coverage from and where to put it.
 *
 * @param cluster the cluster whose services are collected from
 * @param stateDirectory where start-cluster left the cluster's state file; labels find the cluster without it
 * @param services the services to collect from; empty for all of the cluster
 * @param directory the coverage directory in every service's container, such as {@code /coverage}
 * @param directories a coverage directory per service, overriding {@code directory}
 * @param outputDirectory where each service's files land, in a folder named after the service
 * @param mergedExec the file that receives all JaCoCo execution data merged
 * @param stopTimeout how long a service may take to stop after SIGTERM before it is killed
 */
public record CoverageRequest(
        ClusterIdentity cluster,
        Path stateDirectory,
        List<String> services,
        String directory,
        Map<String, String> directories,
        Path outputDirectory,
        Path mergedExec,
        Duration stopTimeout) {

    public CoverageRequest {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        services = List.copyOf(services);
        Objects.requireNonNull(directory, "directory");
        directories = Map.copyOf(directories);
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(mergedExec, "mergedExec");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
    }

    /**
     * @param services the services the cluster has
     * @throws ConfigurationException when {@code directories} names another service
     */
    public void checkDirectoriesName(Set<String> services) {
        List<String> unknown = directories.keySet().stream()
                .filter(service -> !services.contains(service))
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw new ConfigurationException("coverageDirectories names " + String.join(", ", unknown)
                    + ", which is no service of cluster '" + cluster.cluster() + "' (services found: "
                    + String.join(", ", new TreeSet<>(services)) + "); rename the element after a service");
        }
    }

    /** The coverage directory in the container of {@code service}. */
    public String directoryOf(String service) {
        return directories.getOrDefault(service, directory);
    }
}
