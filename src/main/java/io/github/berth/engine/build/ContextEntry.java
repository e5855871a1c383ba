package io.github.berth.engine.build;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One entry of a build context.
 *
 * @param name the path in the context, {@code /} separated, without a trailing {@code /}
 * @param kind what the entry is
 * @param mode the permission bits, with set-user-id, set-group-id and sticky bits, without the file-type bits
 * @param source the file whose bytes a {@link Kind#FILE} entry holds, or {@code null} when {@code content} does
 * @param content the bytes of a generated file (the rewritten Dockerfile), or {@code null}
 * @param linkTarget where a {@link Kind#LINK} points, as stored in the link, else {@code null}
 */
public record ContextEntry(String name, Kind kind, int mode, Path source, byte[] content, String linkTarget) {

    /** The kinds of entries a context holds. */
    public enum Kind {
        FILE,
        DIRECTORY,
        LINK
    }

    public ContextEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    static ContextEntry file(String name, int mode, Path source) {
        return new ContextEntry(name, Kind.FILE, mode, source, null, null);
    }

    static ContextEntry generated(String name, int mode, byte[] content) {
        return new ContextEntry(name, Kind.FILE, mode, null, content.clone(), null);
    }

    static ContextEntry directory(String name, int mode) {
        return new ContextEntry(name, Kind.DIRECTORY, mode, null, null, null);
    }

    static ContextEntry link(String name, String target) {
        return new ContextEntry(name, Kind.LINK, 0777, null, null, target);
    }
}
