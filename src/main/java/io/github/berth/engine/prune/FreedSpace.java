package io.github.berth.engine.prune;

import io.github.berth.engine.docker.ImageNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Estimates the disk space that removing images gives back. An image's size counts the layers of the images it was
 * built on; only the part above its nearest ancestor that stays (one that is tagged, has other children or is removed
 * and counted itself) is freed. Images whose parent the engine does not know count in full.
 */
final class FreedSpace {

    private FreedSpace() {}

    static long estimate(Collection<String> removed, Collection<ImageNode> all) {
        Map<String, ImageNode> byId = new HashMap<>();
        Map<String, Integer> children = new HashMap<>();
        for (ImageNode node : all) {
            byId.put(node.id(), node);
            children.merge(node.parentId(), 1, Integer::sum);
        }
        Set<String> gone = Set.copyOf(removed);
        long freed = 0;
        for (String id : gone) {
            ImageNode node = byId.get(id);
            if (node != null) {
                freed += node.size()
                        - staying(node, byId, children, gone)
                                .map(ImageNode::size)
                                .orElse(0L);
            }
        }
        return Math.max(0, freed);
    }

    /** The nearest ancestor of {@code node} that the removal leaves in place. */
    private static Optional<ImageNode> staying(
            ImageNode node, Map<String, ImageNode> byId, Map<String, Integer> children, Set<String> gone) {
        ImageNode parent = byId.get(node.parentId());
        while (parent != null
                && !parent.tagged()
                && children.getOrDefault(parent.id(), 0) == 1
                && !gone.contains(parent.id())) {
            parent = byId.get(parent.parentId());
        }
        return Optional.ofNullable(parent);
    }
}
