package io.github.berth.engine.build;

import io.github.berth.engine.ConfigurationException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to build.
 *
 * @param projectRoot the folder include paths are relative to
 * @param builderRoot the folder holding the {@code builder-NAME} folders
 * @param builders the names of the builders to build, with the builders they depend on; empty for all
 * @param imagePrefix put before each builder's name to make its image's name, often empty
 * @param projectKey names the project in the labels of its images
 * @param buildArgs values for the Dockerfiles' {@code ARG}s
 * @param workers how many images are built at the same time, at least 1
 * @param rebuild which builders are built again even when nothing changed
 * @param useLast take the newest existing image of each builder and build only the builders without one
 */
public record BuildRequest(
        Path projectRoot,
        Path builderRoot,
        List<String> builders,
        String imagePrefix,
        String projectKey,
        Map<String, String> buildArgs,
        int workers,
        Rebuild rebuild,
        boolean useLast) {

    public BuildRequest {
        Objects.requireNonNull(projectRoot, "projectRoot");
        Objects.requireNonNull(builderRoot, "builderRoot");
        Objects.requireNonNull(imagePrefix, "imagePrefix");
        Objects.requireNonNull(projectKey, "projectKey");
        Objects.requireNonNull(rebuild, "rebuild");
        builders = List.copyOf(builders);
        buildArgs = Map.copyOf(buildArgs);
        if (workers < 1) {
            throw new ConfigurationException("The number of build workers must be at least 1, not " + workers
                    + "; set workers (property berth.workers) to 1 or more");
        }
    }
}
