package io.github.berth.engine.docker;

import io.github.berth.engine.ConfigurationException;
import java.util.Locale;
import java.util.Objects;

/**
 * An image reference split the way the Docker CLI splits it: {@code [REGISTRY/]REPOSITORY[:TAG][@DIGEST]}. The first
 * path component names a registry when it holds a dot or a colon or is {@code localhost}; otherwise the image lives on
 * Docker Hub.
 *
 * @param registry the registry's host and port, {@code docker.io} for Docker Hub
 * @param repository the repository as the engine is asked for it, registry included when one was given
 * @param tag the tag, {@code latest} when neither a tag nor a digest was given; empty with a digest alone
 * @param digest the digest ({@code sha256:...}), or empty
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

    /** Docker Hub's name for itself in references. */
    public static final String DOCKER_HUB = "docker.io";

    /** The key under which the Docker CLI keeps Docker Hub's credentials. */
    static final String DOCKER_HUB_CREDENTIALS_KEY = "https://index.docker.io/v1/";

    public ImageReference {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
    }

    /**
     * Splits {@code reference}.
     *
     * @throws ConfigurationException when it is empty, holds white space or upper-case letters in its repository, or
     *     ends in a separator
     */
    public static ImageReference parse(String reference) {
        if (reference == null || reference.isBlank() || reference.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(reference, "it is empty or holds white space");
        }
        String rest = reference;
        String digest = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!digest.matches("[a-z0-9]+:[a-fA-F0-9]{32,}")) {
                throw invalid(reference, "the digest after '@' is not ALGORITHM:HEX");
            }
        }
        String tag = "";
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!tag.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")) {
                throw invalid(reference, "the tag '" + tag + "' is not a valid tag");
            }
        }
        if (rest.isEmpty() || rest.endsWith("/") || rest.startsWith("/") || rest.contains("//")) {
            throw invalid(reference, "the repository name is empty or has an empty path component");
        }
        int slash = rest.indexOf('/');
        String first = slash < 0 ? "" : rest.substring(0, slash);
        boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
        String path = hasRegistry ? rest.substring(slash + 1) : rest;
        if (!path.equals(path.toLowerCase(Locale.ROOT))) {
            throw invalid(reference, "repository names must be lower case");
        }
        if (tag.isEmpty() && digest.isEmpty()) {
            tag = "latest";
        }
        return new ImageReference(hasRegistry ? first : DOCKER_HUB, rest, tag, digest);
    }

    private static ConfigurationException invalid(String reference, String why) {
        return new ConfigurationException("Image reference '" + reference + "' is not valid: " + why
                + "; write it as [REGISTRY/]REPOSITORY[:TAG][@DIGEST], for example postgres:16 or"
                + " registry.example.com:5000/team/app:1.2");
    }

    /** The tag or, when the reference is by digest, the digest: what the engine's pull asks for. */
    public String tagOrDigest() {
        return digest.isEmpty() ? tag : digest;
    }

    /** The key of this registry in the Docker CLI's {@code config.json}. */
    String credentialsKey() {
        return registry.equals(DOCKER_HUB) ? DOCKER_HUB_CREDENTIALS_KEY : registry;
    }

    @Override
    public String toString() {
        return repository + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
    }
}
