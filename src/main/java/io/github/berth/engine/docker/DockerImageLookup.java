package io.github.berth.engine.docker;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.Labels;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
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
     * The current image of the builder called {@code builder} of {@code project}: the one build-images tagged
     * {@code latest}, else the newest. A newer image than the one tagged {@code latest} is one build-images no longer
     * takes, such as the build of a change that was undone.
     *
     * @return a reference to the image, or empty when that builder made none
     */
    public Optional<String> builtBy(String builder, String project) {
        Map<String, String> labels =
                Map.of(Labels.OWNER, Labels.OWNER_VALUE, Labels.BUILDER, builder, Labels.PROJECT, project);
        try {
            List<ImageInfo> made = direct.images(DockerLabels.narrowest(labels)).stream()
                    .filter(image -> DockerLabels.carries(image.labels(), labels))
                    .toList();
            return made.stream()
                    .filter(image -> image.tags().stream().anyMatch(DockerImageLookup::isLatest))
                    .findFirst()
                    .or(() -> made.stream().max(Comparator.comparing(ImageInfo::created)))
                    .map(DockerImageLookup::reference);
        } catch (IOException | RuntimeException e) {
            throw new BerthException("Cannot list the images of builder " + builder + ": " + Causes.said(e), e);
        }
    }

    /**
     * The image by its content key's tag, which names it alone: {@code latest} may move to another image (a module
     * with a builder of the same name builds beside this one) between now and the start of the container.
     */
    private static String reference(ImageInfo image) {
        return image.tags().stream().filter(tag -> !isLatest(tag)).findFirst().orElse(image.id());
    }

    private static boolean isLatest(String tag) {
        return tag.endsWith(":latest");
    }
}
