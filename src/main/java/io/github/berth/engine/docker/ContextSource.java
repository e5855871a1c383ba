package io.github.berth.engine.docker;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a build context, as a tar stream, while the engine reads it. */
@FunctionalInterface
public interface ContextSource {

    /** Writes the whole context to {@code out}; does not close it. */
    void writeTo(OutputStream out) throws IOException;
}
