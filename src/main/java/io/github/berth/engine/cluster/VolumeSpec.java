package io.github.berth.engine.cluster;

import java.util.Objects;

/**
 * Something mounted into a service's container.
 *
 * @param kind what is mounted
 * @param source an absolute host path for a bind mount, the volume's name within the cluster for a named volume,
 *     ignored for tmpfs
 * @param target the absolute path inside the container
 * @param readOnly whether the container may only read
 */
public record VolumeSpec(Kind kind, String source, String target, boolean readOnly) {

    /** The kinds of mount. */
    public enum Kind {
        /** A file or folder of the host. */
        BIND,
        /** A volume that lives as long as the cluster, shared by the services that name it. */
        NAMED,
        /** A memory-backed file system. */
        TMPFS
    }

    public VolumeSpec {
        Objects.requireNonNull(kind, "kind");
        source = source == null ? "" : source;
        Objects.requireNonNull(target, "target");
    }
}
