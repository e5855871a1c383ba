package io.github.berth.engine.build;

import java.time.Duration;

/**
 * The image of one builder after {@code build-images}.
 *
 * @param builder the builder's name
 * @param reference the image's tag that names exactly this image, {@code NAME:KEYPREFIX}
 * @param id the image's id
 * @param key the image's content key
 * @param outcome whether it was built, found up to date, or taken as the last one
 * @param contextBytes the bytes of build context sent to the engine; 0 when nothing was built
 * @param duration how long it took
 */
public record BuiltImage(
        String builder,
        String reference,
        String id,
        String key,
        Outcome outcome,
        long contextBytes,
        Duration duration) {

    /** What happened to a builder's image. */
    public enum Outcome {
        BUILT,
        UP_TO_DATE,
        LAST_USED
    }
}
