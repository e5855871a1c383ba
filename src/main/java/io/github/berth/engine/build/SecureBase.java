package io.github.berth.engine.build;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A base image given as {@code FROM secure:REPO:TAGPREFIX:sha256 HEX:URL}: a root file system tarball downloaded from
 * {@code url}, checked against {@code sha256} and imported as image {@code REPO:TAGPREFIX-KEY}.
 *
 * @param repository the repository the import is tagged in
 * @param tagPrefix the start of the import's tag
 * @param sha256 the expected SHA-256 of the bytes at {@code url}, lower-case hex
 * @param url where the tarball is: http, https or file, optionally {@code .xz} or {@code .gz} compressed
 */
public record SecureBase(String repository, String tagPrefix, String sha256, URI url) {

    public SecureBase {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tagPrefix, "tagPrefix");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(url, "url");
    }

    /**
     * The URL as messages show it: without the user information and the query, where credentials and signatures of a
     * download URL are.
     */
    public String shownUrl() {
        StringBuilder shown = new StringBuilder(url.getScheme()).append("://");
        if (url.getHost() != null) {
            shown.append(url.getHost());
        }
        if (url.getPort() >= 0) {
            shown.append(':').append(url.getPort());
        }
        shown.append(url.getRawPath() == null ? "" : url.getRawPath());
        if (url.getRawQuery() != null) {
            shown.append("?...");
        }
        return shown.toString();
    }

    /** The image reference the import is tagged with; it changes whenever the URL or the digest does. */
    public String reference() {
        String key = Digests.sha256Hex((url + "\n" + sha256).getBytes(StandardCharsets.UTF_8));
        return repository + ":" + tagPrefix + "-" + key;
    }
}
