package io.github.berth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The layering that keeps the engine independent of Maven and docker-java behind one adapter. */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java/io/github/berth");

    @Test
    void engineImportsNothingFromMaven() {
        List<String> offenders =
                importsMatching(SOURCES.resolve("engine"), "import org.apache.maven", "import org.codehaus.plexus");

        assertThat(offenders).isEmpty();
    }

    @Test
    void onlyTheDockerPackageImportsDockerJava() {
        List<String> offenders = importsMatching(SOURCES, "import com.github.dockerjava").stream()
                .filter(line -> !line.startsWith(SOURCES.resolve("engine/docker") + "/"))
                .toList();

        assertThat(offenders).isEmpty();
    }

    @Test
    void mojosDoNotTalkToDockerJava() {
        List<String> offenders = importsMatching(SOURCES.resolve("maven"), "import com.github.dockerjava");

        assertThat(offenders).isEmpty();
    }

    private static List<String> importsMatching(Path root, String... prefixes) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .flatMap(file -> lines(file).stream()
                            .filter(line -> Stream.of(prefixes).anyMatch(line::startsWith))
                            .map(line -> file + ": " + line))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
