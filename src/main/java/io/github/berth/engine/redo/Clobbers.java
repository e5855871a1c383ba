package io.github.berth.engine.redo;

import io.github.berth.engine.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Files {@code clobber.NAME} in the docker folder: touching one forces image {@code NAME} to be made again, once. It
 * counts while it is newer than the last time {@code NAME} was made: the time {@link MadeTimes} holds, or, when that
 * is lost (a fresh checkout, {@code mvn clean}), the creation time of the newest image on the engine.
 */
public final class Clobbers {

    /** What a clobber file's name starts with. */
    public static final String PREFIX = "clobber.";

    private final Path directory;
    private final MadeTimes madeTimes;

    /**
     * @param directory the folder holding the clobber files, the docker folder of the builders
     * @param madeTimes when each image was last made
     */
    public Clobbers(Path directory, MadeTimes madeTimes) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.madeTimes = Objects.requireNonNull(madeTimes, "madeTimes");
    }

    /**
     * Whether {@code name} must be made again because its clobber file is newer than its last making.
     *
     * @param madeOnEngine when the engine's newest image of {@code name} was made, if it has one
     */
    public boolean due(String name, Supplier<Optional<Instant>> madeOnEngine) {
        return due(name, name, madeOnEngine);
    }

    /**
     * Whether the image recorded as {@code madeAs} must be made again because file {@code clobber.NAME} is newer than
     * its last making: one clobber file may force several images, each made again once.
     *
     * @param madeOnEngine when the engine's newest image of {@code madeAs} was made, if it has one
     */
    public boolean due(String name, String madeAs, Supplier<Optional<Instant>> madeOnEngine) {
        Path file = directory.resolve(PREFIX + name);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        Instant touched;
        try {
            touched = Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new BerthException("Cannot read the modification time of " + file + ": " + e.getMessage(), e);
        }
        Optional<Instant> made = madeTimes.lastMade(madeAs).or(madeOnEngine);
        return made.map(touched::isAfter).orElse(true);
    }

    /** Records that {@code name} has just been made, so that its clobber file counts no more until touched again. */
    public void made(String name) {
        madeTimes.made(name, Instant.now());
    }
}
