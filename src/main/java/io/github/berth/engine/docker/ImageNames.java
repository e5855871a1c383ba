package io.github.berth.engine.docker;

/**
 * Image tags and ids in Docker's own form. Podman's Docker-compatible service names the tags of images it made in full
 * ({@code docker.io/library/api:1}, {@code localhost/api:1}) and the parents of images by a bare digest; Docker says
 * {@code api:1} and {@code sha256:DIGEST}. Both engines find an image by the short form.
 */
final class ImageNames {

    private static final String[] DEFAULT_PREFIXES = {"docker.io/library/", "localhost/"};

    private ImageNames() {}

    /** The tag as Docker shows it: without the default registry and without Podman's {@code localhost/}. */
    static String familiarTag(String tag) {
        for (String prefix : DEFAULT_PREFIXES) {
            if (tag.startsWith(prefix) && tag.length() > prefix.length()) {
                return tag.substring(prefix.length());
            }
        }
        return tag;
    }

    /** The id with its {@code sha256:} prefix, or as given when it is empty or names another algorithm. */
    static String id(String id) {
        if (id == null || id.isEmpty() || id.contains(":")) {
            return id;
        }
        return "sha256:" + id;
    }
}
