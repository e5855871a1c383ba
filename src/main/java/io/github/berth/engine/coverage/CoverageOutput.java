package io.github.berth.engine.coverage;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Keeps collect-coverage from replacing what it did not write: a service's folder outside Berth's own folder is emptied
 * only when it is empty or carries the mark of an earlier collection, and the merged file is replaced only when it is
 * JaCoCo data.
 */
final class CoverageOutput {

    /** The file that marks a service folder as collect-coverage's own. */
    static final String MARK = ".berth-coverage";

    /** How every JaCoCo execution data file starts: the header block and its magic number. */
    private static final byte[] EXEC_HEADER = {0x01, (byte) 0xc0, (byte) 0xc0};

    private CoverageOutput() {}

    /**
     * @param berthsOwn the folder that is Berth's alone (the state directory, {@code target/berth}), where the mark is
     *     not needed
     * @throws ConfigurationException when {@code folder} holds something collect-coverage did not put there
     */
    static void checkServiceFolder(Path folder, String service, Path berthsOwn) {
        if (folder.toAbsolutePath()
                        .normalize()
                        .startsWith(berthsOwn.toAbsolutePath().normalize())
                || !Files.exists(folder, LinkOption.NOFOLLOW_LINKS)
                || Files.isRegularFile(folder.resolve(MARK), LinkOption.NOFOLLOW_LINKS)
                || isEmptyFolder(folder)) {
            return;
        }
        throw new ConfigurationException("The coverage of service " + service + " would replace " + folder
                + ", which collect-coverage did not make; point outputDirectory (berth.coverage.outputDirectory) at a"
                + " folder of its own, like target/berth/coverage, or remove " + folder);
    }

    /**
     * @throws ConfigurationException when {@code file} is there and is no JaCoCo execution data
     */
    static void checkMergedFile(Path file) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || isJacocoOrEmpty(file)) {
            return;
        }
        throw new ConfigurationException("The merged JaCoCo data would replace " + file + ", which is no JaCoCo data"
                + " file; point mergedFile (berth.coverage.mergedFile) at a file of its own, like"
                + " target/jacoco-it.exec");
    }

    /**
     * Creates {@code folder} with the mark of collect-coverage.
     *
     * @return {@code folder}
     */
    static Path mark(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.writeString(
                    folder.resolve(MARK),
                    "Made by berth:collect-coverage, which empties this folder before each collection.\n");
            return folder;
        } catch (IOException e) {
            throw new BerthException("Cannot create " + folder + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmptyFolder(Path folder) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isJacocoOrEmpty(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(EXEC_HEADER.length);
            return start.length == 0 || Arrays.equals(start, EXEC_HEADER);
        } catch (IOException e) {
            return false;
        }
    }
}
