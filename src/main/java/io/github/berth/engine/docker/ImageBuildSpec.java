package io.github.berth.engine.docker;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an image build asks of the engine besides its context.
 *
 * @param name the image's name, for thread names and messages
 * @param tags the references the image is tagged with, {@code REPOSITORY:TAG}
 * @param labels the labels the image carries
 * @param buildArgs the values of the Dockerfile's {@code ARG}s
 * @param noCache whether to run every step again instead of taking it from the engine's layer cache
 */
public record ImageBuildSpec(
        String name, Set<String> tags, Map<String, String> labels, Map<String, String> buildArgs, boolean noCache) {

    public ImageBuildSpec {
        Objects.requireNonNull(name, "name");
        tags = Set.copyOf(tags);
        labels = Map.copyOf(labels);
        buildArgs = Map.copyOf(buildArgs);
    }
}
