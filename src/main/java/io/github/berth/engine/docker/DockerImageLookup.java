package io.github.berth.engine.docker;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.Labels;
import java.io.IOException;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Answers whether images are present in the engine, for services about to run them. */
public final class DockerImageLookup {

    private final DirectRequests direct;

    public DockerImageLookup(DockerEngine engine) {
        this.direct =
                new DirectRequests(Objects.requireNonNull(engine, "engine").http());
    }

    /** Whether the engine holds an image that {@code reference} names. */
    public boolean exists(String reference) {
        try {
            return direct.imageId(reference).isPresent();
        } catch (IOException | RuntimeException e) {
            throw new BerthException("Cannot look for image " + reference + ": " + Causes.said(e), e);
        }
    }

    /**
     * The image that the builder called {@code builder} of {@code project} made most recently, by its
     * {@code :latest} tag when it has one.
     *
     * @return a reference to the image, or empty when that builder made none
     */
    public Optional<String> builtBy(String builder, String project) {
        Map<String, String> labels =
                Map.of(Labels.OWNER, Labels.OWNER_VALUE, Labels.BUILDER, builder, Labels.PROJECT, project);
        try {
            return direct.images(DockerLabels.narrowest(labels)).stream()
                    .filter(image -> DockerLabels.carries(image.labels(), labels))
                    .max(Comparator.comparing(ImageInfo::created))
                    .map(DockerImageLookup::reference);
        } catch (IOException | RuntimeException e) {
            throw new BerthException("Cannot list the images of builder " + builder + ": " + Causes.said(e), e);
        }
    }

    private static String reference(ImageInfo image) {
        return image.tags().stream()
                .filter(tag -> tag.endsWith(":latest"))
                .findFirst()
                .or(() -> image.tags().stream().findFirst())
                .orElse(image.id());
    }
}
