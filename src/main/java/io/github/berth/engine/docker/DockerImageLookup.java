package io.github.berth.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import io.github.berth.engine.Labels;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Answers whether images are present in the engine, for services about to run them. */
public final class DockerImageLookup {

    private final DockerClient client;

    public DockerImageLookup(DockerEngine engine) {
        this.client = Objects.requireNonNull(engine, "engine").client();
    }

    /** Whether the engine holds an image that {@code reference} names. */
    public boolean exists(String reference) {
        try {
            client.inspectImageCmd(reference).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
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
        return client.listImagesCmd().withLabelFilter(DockerLabels.narrowest(labels)).exec().stream()
                .filter(image -> DockerLabels.carries(image.getLabels(), labels))
                .max(Comparator.comparing(image -> image.getCreated() == null ? 0L : image.getCreated()))
                .map(DockerImageLookup::reference);
    }

    private static String reference(Image image) {
        String[] tags = image.getRepoTags() == null ? new String[0] : image.getRepoTags();
        return Arrays.stream(tags)
                .filter(tag -> tag.endsWith(":latest"))
                .findFirst()
                .or(() -> Arrays.stream(tags)
                        .filter(tag -> !tag.equals("<none>:<none>"))
                        .findFirst())
                .orElse(image.getId());
    }
}
