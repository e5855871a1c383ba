package io.github.berth.engine.docker;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image in the engine's store, as the engine lists it.
 *
 * @param id the full image id ({@code sha256:...})
 * @param tags its references ({@code NAME:TAG}); empty when it is dangling
 * @param labels its labels
 * @param created when it was built
 * @param size its size in bytes, layers shared with other images included
 */
public record LocalImage(String id, List<String> tags, Map<String, String> labels, Instant created, long size) {

    public LocalImage {
        Objects.requireNonNull(id, "id");
        tags = List.copyOf(tags);
        labels = Map.copyOf(labels);
        Objects.requireNonNull(created, "created");
    }

    /** Whether no reference names the image any more. */
    public boolean dangling() {
        return tags.isEmpty();
    }

    /** The id without its {@code sha256:} prefix, cut to twelve characters, as the Docker CLI shows it. */
    public String shortId() {
        String hex = id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
        return hex.substring(0, Math.min(12, hex.length()));
    }

    /** The repository of a reference: {@code registry:5000/app} for {@code registry:5000/app:1.0}. */
    public static String repository(String reference) {
        int colon = reference.lastIndexOf(':');
        return colon > reference.lastIndexOf('/') ? reference.substring(0, colon) : reference;
    }
}
