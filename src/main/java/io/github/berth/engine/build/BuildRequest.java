package io.github.berth.engine.build;

import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.docker.ImageReference;
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
 * @param provisions the images made by running a command in a container rather than by a Dockerfile
 * @param layerLimit how many layers a provisioned image may have before its command starts again from its start
 *     image; the engine refuses more than 127
 * @param stateDirectory where Berth keeps its state, usually {@code target/berth}
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
        boolean useLast,
        List<Provision> provisions,
        int layerLimit,
        Path stateDirectory) {

    /** The layer limit of provisioned images unless told otherwise, a few layers below the engine's own. */
    public static final int DEFAULT_LAYER_LIMIT = 120;

    public BuildRequest {
        Objects.requireNonNull(projectRoot, "projectRoot");
        Objects.requireNonNull(builderRoot, "builderRoot");
        Objects.requireNonNull(imagePrefix, "imagePrefix");
        Objects.requireNonNull(projectKey, "projectKey");
        Objects.requireNonNull(rebuild, "rebuild");
        builders = List.copyOf(builders);
        buildArgs = Map.copyOf(buildArgs);
        provisions = List.copyOf(provisions);
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        if (layerLimit < 2 || layerLimit > 127) {
            throw new ConfigurationException("The layer limit of provisioned images must be between 2 and 127, not "
                    + layerLimit + "; set layerLimit (property berth.layerLimit) within that range");
        }
        checkImagePrefix(imagePrefix);
        if (workers < 1) {
            throw new ConfigurationException("The number of build workers must be at least 1, not " + workers
                    + "; set workers (property berth.workers) to 1 or more");
        }
    }

    private static void checkImagePrefix(String imagePrefix) {
        if (imagePrefix.isEmpty()) {
            return;
        }
        try {
            ImageReference.parse(imagePrefix + "builder");
        } catch (ConfigurationException e) {
            // The engine's rule, not a failure of ours, so the reference's own message is not chained.
            throw new ConfigurationException("imagePrefix (property berth.imagePrefix) '" + imagePrefix
                    + "' does not make valid image names: '" + imagePrefix + "NAME' is no image reference; use lower"
                    + " case letters, digits, '.', '_', '-' and '/' (and a registry host with ':PORT' first), e.g."
                    + " registry.example.com:5000/team/");
        }
    }

    /** A request without provisioned images, keeping its state under {@code target/berth} of the project. */
    public BuildRequest(
            Path projectRoot,
            Path builderRoot,
            List<String> builders,
            String imagePrefix,
            String projectKey,
            Map<String, String> buildArgs,
            int workers,
            Rebuild rebuild,
            boolean useLast) {
        this(
                projectRoot,
                builderRoot,
                builders,
                imagePrefix,
                projectKey,
                buildArgs,
                workers,
                rebuild,
                useLast,
                List.of(),
                DEFAULT_LAYER_LIMIT,
                projectRoot.resolve("target/berth"));
    }

    /** This request with {@code rebuild} in place of its own. */
    BuildRequest withRebuild(Rebuild rebuild) {
        return new BuildRequest(
                projectRoot,
                builderRoot,
                builders,
                imagePrefix,
                projectKey,
                buildArgs,
                workers,
                rebuild,
                useLast,
                provisions,
                layerLimit,
                stateDirectory);
    }
}
