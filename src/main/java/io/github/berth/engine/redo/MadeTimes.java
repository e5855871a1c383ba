package io.github.berth.engine.redo;

import io.github.berth.engine.BerthException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/**
 * When Berth last made each image, provisioned image and snapshot of a project: a small properties file, {@code NAME}
 * to an ISO-8601 instant, written atomically. A missing or unreadable file knows nothing, which is safe: callers fall
 * back to the engine's creation time of the newest image.
 */
public final class MadeTimes {

    /** The file's name in the state folder. */
    public static final String FILE = "made.properties";

    private final Path file;

    /** @param stateDirectory the folder of Berth's state, usually {@code target/berth} */
    public MadeTimes(Path stateDirectory) {
        this.file = stateDirectory.resolve(FILE);
    }

    /** When {@code name} was last made, if this file knows. */
    public synchronized Optional<Instant> lastMade(String name) {
        String value = read().getProperty(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Records that {@code name} was made {@code at}. */
    public synchronized void made(String name, Instant at) {
        Properties times = read();
        times.setProperty(name, at.toString());
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), FILE, ".tmp");
            try (Writer out = Files.newBufferedWriter(temporary)) {
                times.store(out, "When Berth last made each image; delete to forget");
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new BerthException(
                    "Cannot write " + file + ": " + e.getMessage() + "; check that the folder is writable", e);
        }
    }

    private Properties read() {
        Properties times = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                times.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // An unreadable file knows nothing; the engine's image times take over.
                return new Properties();
            }
        }
        return times;
    }
}
