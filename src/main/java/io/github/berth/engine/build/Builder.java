package io.github.berth.engine.build;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A folder {@code builder-NAME} holding a Dockerfile, from which image {@code NAME} is built.
 *
 * @param name the builder's name
 * @param directory the folder
 */
public record Builder(String name, Path directory) {

    public Builder {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(directory, "directory");
    }

    /** The builder's Dockerfile. */
    public Path dockerfile() {
        return directory.resolve("Dockerfile");
    }
}
