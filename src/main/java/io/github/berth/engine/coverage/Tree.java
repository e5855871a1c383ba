package io.github.berth.engine.coverage;

import io.github.berth.engine.BerthException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Removal of directory trees that Berth wrote itself; links inside them are removed, never followed. */
final class Tree {

    private Tree() {}

    /** Removes {@code root} and everything below it; nothing happens when it is missing. */
    static void delete(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new BerthException(
                    "Cannot remove " + root + " left by an earlier build: " + e.getMessage() + "; remove it by hand",
                    e);
        }
    }

    /** Removes one file, when it exists. */
    static void deleteFile(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new BerthException(
                    "Cannot remove " + file + " left by an earlier build: " + e.getMessage() + "; remove it by hand",
                    e);
        }
    }

    /** The last segment of a path in a container: {@code coverage} for {@code /data/coverage/}. */
    static String lastSegment(String containerPath) {
        String trimmed = containerPath.replaceAll("/+$", "");
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
