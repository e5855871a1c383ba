package io.github.berth.engine.prune;

import io.github.berth.engine.ConfigurationException;
import java.time.Duration;
import java.util.Objects;

/**
 * Which of a project's images to prune.
 *
 * @param project the project the images were built for (Maven {@code groupId:artifactId})
 * @param keep how many of the newest images of each builder to keep; the current one stays as well
 * @param olderThan only images built at least this long ago are removed; {@link Duration#ZERO} for any age
 * @param imagePrefix what build-images puts before a builder's name to name its image, often empty
 */
public record PruneRequest(String project, int keep, Duration olderThan, String imagePrefix) {

    public PruneRequest {
        Objects.requireNonNull(project, "project");
        imagePrefix = imagePrefix == null ? "" : imagePrefix;
        Objects.requireNonNull(olderThan, "olderThan");
        if (keep < 0) {
            throw new ConfigurationException("keep of prune is " + keep
                    + "; set it to 0 or more (the number of newest images kept per builder)");
        }
        if (olderThan.isNegative()) {
            throw new ConfigurationException("olderThan of prune is negative (" + olderThan + "); give an age like 7d");
        }
    }
}
