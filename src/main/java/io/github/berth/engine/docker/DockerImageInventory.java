package io.github.berth.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import io.github.berth.engine.BerthException;
import io.github.berth.engine.Labels;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** The images Berth made for a project, the images containers use, and the removal of images and tags. */
public final class DockerImageInventory {

    private static final String NO_TAG = "<none>:<none>";

    private final DockerClient client;

    public DockerImageInventory(DockerEngine engine) {
        this.client = Objects.requireNonNull(engine, "engine").client();
    }

    /** The images labelled as made by Berth for {@code project}, dangling ones included. */
    public List<LocalImage> projectImages(String project) {
        List<Image> images;
        try {
            Map<String, String> labels = Map.of(Labels.OWNER, Labels.OWNER_VALUE, Labels.PROJECT, project);
            images = client.listImagesCmd().withLabelFilter(DockerLabels.narrowest(labels)).exec().stream()
                    .filter(image -> DockerLabels.carries(image.getLabels(), labels))
                    .toList();
        } catch (DockerException e) {
            throw new BerthException("Cannot list the images of project " + project + ": " + e.getMessage(), e);
        }
        return images.stream().map(DockerImageInventory::toLocalImage).toList();
    }

    private static LocalImage toLocalImage(Image image) {
        List<String> tags = image.getRepoTags() == null
                ? List.of()
                : Arrays.stream(image.getRepoTags())
                        .filter(tag -> !tag.equals(NO_TAG))
                        .map(ImageNames::familiarTag)
                        .toList();
        return new LocalImage(
                ImageNames.id(image.getId()),
                tags,
                image.getLabels() == null ? Map.of() : image.getLabels(),
                Instant.ofEpochSecond(image.getCreated() == null ? 0 : image.getCreated()),
                image.getSize() == null ? 0 : image.getSize());
    }

    /** Every image of the engine, intermediate ones included, with its parent. */
    public List<ImageNode> allImages() {
        try {
            return client.listImagesCmd().withShowAll(true).exec().stream()
                    .map(image -> new ImageNode(
                            ImageNames.id(image.getId()),
                            ImageNames.id(image.getParentId()),
                            image.getSize() == null ? 0 : image.getSize(),
                            !toLocalImage(image).tags().isEmpty()))
                    .toList();
        } catch (DockerException e) {
            throw new BerthException("Cannot list the images of the engine: " + e.getMessage(), e);
        }
    }

    /** The ids of the images of all containers, running or stopped. */
    public Set<String> imagesInUse() {
        try {
            return client.listContainersCmd().withShowAll(true).exec().stream()
                    .map(Container::getImageId)
                    .filter(Objects::nonNull)
                    .map(ImageNames::id)
                    .collect(Collectors.toUnmodifiableSet());
        } catch (DockerException e) {
            throw new BerthException("Cannot list the containers to see which images they use: " + e.getMessage(), e);
        }
    }

    /** Whether the engine still holds image {@code id}. */
    public boolean exists(String id) {
        try {
            client.inspectImageCmd(id).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (DockerException e) {
            throw new BerthException("Cannot inspect image " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes {@code reference} (a tag or an image id). The image itself goes once no reference is left; a tag or
     * image already gone counts as removed.
     */
    public void remove(String reference) {
        try {
            client.removeImageCmd(reference).withForce(false).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (DockerException e) {
            throw new BerthException("Cannot remove image " + reference + ": " + e.getMessage(), e);
        }
    }
}
