package io.github.berth.engine.build;

import io.github.berth.engine.BerthException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/**
 * The SHA-256 of each file of a build context, remembered with what the file system said of the file when it was read
 * (as {@link ContextStamp} describes it), so that a file is read again only once its description changed. A rebuild
 * after one changed file reads that file for the content key and the whole context only once, for the engine.
 */
final class FileDigests {

    private final Path file;
    private final Map<String, Known> known;
    private final Map<String, Known> used = new HashMap<>();

    private record Known(String description, String digest) {}

    private FileDigests(Path file, Map<String, Known> known) {
        this.file = file;
        this.known = known;
    }

    /** Digests that remember nothing and are not kept: every file is read. */
    static FileDigests none() {
        return new FileDigests(null, Map.of());
    }

    /**
     * The digests kept in {@code file}; none when it is missing or unreadable, as they only save reading.
     */
    static FileDigests in(Path file) {
        Map<String, Known> known = new HashMap<>();
        try {
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] fields = line.split("\t", 3);
                    if (fields.length == 3) {
                        known.put(fields[2], new Known(fields[1], fields[0]));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            known.clear();
        }
        return new FileDigests(file, known);
    }

    /** The SHA-256 of {@code entry}'s file, read only when the file system describes it otherwise than last time. */
    String of(ContextEntry entry) throws IOException {
        String description = ContextStamp.describe(entry.source());
        Known last = known.get(entry.name());
        if (last != null && last.description().equals(description)) {
            used.put(entry.name(), last);
            return last.digest();
        }
        MessageDigest digest = Digests.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(entry.source()), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        String hex = Digests.hex(digest);
        // A file written while it was read is described anew next time and read again then.
        if (description.equals(ContextStamp.describe(entry.source()))) {
            used.put(entry.name(), new Known(description, hex));
        }
        return hex;
    }

    /** Keeps the digests of the files asked for since loading, in place of what the file held. */
    void save() {
        if (file == null) {
            return;
        }
        StringBuilder text = new StringBuilder();
        used.forEach((name, known) -> {
            if (!name.contains("\n") && !name.contains("\t")) {
                text.append(known.digest())
                        .append('\t')
                        .append(known.description())
                        .append('\t')
                        .append(name)
                        .append('\n');
            }
        });
        try {
            Files.createDirectories(file.getParent());
            Path temporary =
                    Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.writeString(temporary, text, StandardCharsets.UTF_8);
                move(temporary, file);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new BerthException(
                    "Cannot write " + file + ": " + e.getMessage() + "; check the permissions of " + file.getParent(),
                    e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
