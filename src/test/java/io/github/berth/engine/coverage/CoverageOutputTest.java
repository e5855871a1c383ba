package io.github.berth.engine.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jacoco.core.data.ExecutionDataWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoverageOutputTest {

    private static final Path STATE = Path.of("/p/target/berth");

    @TempDir
    Path directory;

    @Test
    void aServiceFolderThatHoldsFilesOfSomeoneElseIsRefused() throws IOException {
        Path folder = Files.createDirectories(directory.resolve("app/notes"));
        Files.writeString(folder.resolve("mine.txt"), "my work");

        assertThatThrownBy(() -> CoverageOutput.checkServiceFolder(directory.resolve("app"), "app", STATE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("The coverage of service app would replace " + directory.resolve("app")
                        + ", which collect-coverage did not make; point outputDirectory (berth.coverage.outputDirectory)"
                        + " at a folder of its own, like target/berth/coverage, or remove "
                        + directory.resolve("app"));
        assertThat(folder.resolve("mine.txt")).exists();
    }

    @Test
    void aFileWhereTheServiceFolderGoesIsRefused() throws IOException {
        Files.writeString(directory.resolve("app"), "my work");

        assertThatThrownBy(() -> CoverageOutput.checkServiceFolder(directory.resolve("app"), "app", STATE))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void aMissingEmptyOrMarkedServiceFolderMayBeReplaced() throws IOException {
        Files.createDirectories(directory.resolve("empty"));
        Path marked = CoverageOutput.mark(directory.resolve("marked"));
        Files.writeString(marked.resolve("jacoco.exec"), "x");

        assertThatCode(() -> {
                    CoverageOutput.checkServiceFolder(directory.resolve("missing"), "missing", STATE);
                    CoverageOutput.checkServiceFolder(directory.resolve("empty"), "empty", STATE);
                    CoverageOutput.checkServiceFolder(marked, "marked", STATE);
                })
                .doesNotThrowAnyException();
    }

    @Test
    void aServiceFolderInsideBerthsOwnFolderMayBeReplacedWithoutMark() throws IOException {
        Path state = directory.resolve("target/berth");
        Path folder = Files.createDirectories(state.resolve("coverage/app"));
        Files.writeString(folder.resolve("jacoco.exec"), "from an earlier collection");

        assertThatCode(() -> CoverageOutput.checkServiceFolder(folder, "app", state))
                .doesNotThrowAnyException();
    }

    @Test
    void aMergedFileThatIsNoJacocoDataIsRefused() throws IOException {
        Path pom = Files.writeString(directory.resolve("pom.xml"), "<project/>");

        assertThatThrownBy(() -> CoverageOutput.checkMergedFile(pom))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("The merged JaCoCo data would replace " + pom + ", which is no JaCoCo data file; point"
                        + " mergedFile (berth.coverage.mergedFile) at a file of its own, like"
                        + " target/jacoco-it.exec");
        assertThat(pom).hasContent("<project/>");
    }

    @Test
    void aMissingEmptyOrJacocoMergedFileMayBeReplaced() throws IOException {
        Path exec = directory.resolve("jacoco-it.exec");
        try (OutputStream out = Files.newOutputStream(exec)) {
            new ExecutionDataWriter(out).flush();
        }
        Path empty = Files.createFile(directory.resolve("empty.exec"));

        assertThatCode(() -> {
                    CoverageOutput.checkMergedFile(exec);
                    CoverageOutput.checkMergedFile(empty);
                    CoverageOutput.checkMergedFile(directory.resolve("missing.exec"));
                })
                .doesNotThrowAnyException();
    }
}
