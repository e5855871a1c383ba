package io.github.berth.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.github.berth.engine.Labels;
import java.util.Map;
import java.util.Objects;

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

    /** Whether the engine holds an image that the builder called {@code builder} made. */
    public boolean builtBy(String builder) {
        return !client.listImagesCmd()
                .withLabelFilter(Map.of(Labels.BUILDER, builder))
                .exec()
                .isEmpty();
    }
}
