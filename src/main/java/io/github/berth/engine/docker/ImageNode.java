package io.github.berth.engine.docker;

import java.util.Objects;

/**
 * An image of the engine's store, intermediate ones included, as a node of the tree that parent ids make.
 *
 * @param id the full image id
 * @param parentId the id of the image it was built on, or empty when the engine does not know it
 * @param size its size in bytes, its ancestors' layers included
 * @param tagged whether any reference names it
 */
public record ImageNode(String id, String parentId, long size, boolean tagged) {

    public ImageNode {
        Objects.requireNonNull(id, "id");
        parentId = parentId == null ? "" : parentId;
    }
}
