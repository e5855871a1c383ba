package io.github.berth.engine.docker;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An image the engine holds.
 *
 * @param id its id, {@code sha256:...}
 * @param tags the references it is tagged with
 * @param labels its labels
 * @param created when it was made
 */
public record ImageInfo(String id, List<String> tags, Map<String, String> labels, Instant created) {

    public ImageInfo {
        tags = List.copyOf(tags);
        labels = Map.copyOf(labels);
    }

    /** The id as {@code docker images} shows it: twelve hex digits. */
    public String shortId() {
        return shortId(id);
    }

    public static String shortId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
