package io.github.berth.engine.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildersTest {

    @TempDir
    Path root;

    @Test
    void findsFoldersWithADockerfile() throws IOException {
        dockerfile("builder-app");
        dockerfile("builder-db");
        Files.createDirectories(root.resolve("builder-empty"));
        dockerfile("other");

        assertThat(Builders.discover(root)).containsOnlyKeys("app", "db");
    }

    @Test
    void nameDockerRefusesIsRefused() throws IOException {
        dockerfile("builder-My_App");

        assertThatThrownBy(() -> Builders.discover(root))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Builder folder " + root.resolve("builder-My_App") + " gives image name 'My_App', which"
                        + " Docker refuses; rename the folder to builder-NAME with NAME of lower-case letters, digits"
                        + " and single '.', '_' or '-' between them");
    }

    @Test
    void unknownSelectedBuilderIsRefused() throws IOException {
        dockerfile("builder-app");

        assertThatThrownBy(() -> Builders.select(Builders.discover(root), List.of("api"), root))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("No builder 'api' in " + root + " (found: app); create " + root.resolve("builder-api")
                        + "/Dockerfile or fix the name in the builders parameter");
    }

    @Test
    void rebuildReadsAllOrNames() {
        assertThat(Rebuild.parse("all").includes("x")).isTrue();
        assertThat(Rebuild.parse(" app , db ").includes("db")).isTrue();
        assertThat(Rebuild.parse("app").includes("db")).isFalse();
        assertThat(Rebuild.parse("").includes("app")).isFalse();
    }

    @Test
    void warnsOfAFolderWhoseDockerfileIsSpeltInLowerCase() throws IOException {
        dockerfile("builder-app");
        Path lower = Files.createDirectories(root.resolve("builder-web"));
        Files.writeString(lower.resolve("dockerfile"), "FROM scratch\n");

        assertThat(Builders.discover(root)).containsOnlyKeys("app");
        assertThat(Builders.misspelt(root))
                .containsExactly("Builder folder " + lower + " holds 'dockerfile' but no 'Dockerfile', so it is"
                        + " skipped; rename the file to Dockerfile");
    }

    @Test
    void warnsOfAFolderWhoseDockerfileIsNoFile() throws IOException {
        Path folder =
                Files.createDirectories(root.resolve("builder-web/Dockerfile")).getParent();
        Path broken = Files.createDirectories(root.resolve("builder-api"));
        Files.createSymbolicLink(broken.resolve("Dockerfile"), Path.of("gone"));

        assertThat(Builders.discover(root)).isEmpty();
        assertThat(Builders.misspelt(root))
                .containsExactly(
                        "Builder folder " + broken + " has a 'Dockerfile' that is not a readable file (a folder or a"
                                + " broken link), so it is skipped; make it a file",
                        "Builder folder " + folder + " has a 'Dockerfile' that is not a readable file (a folder or a"
                                + " broken link), so it is skipped; make it a file");
    }

    @Test
    void aBuilderDirectoryThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(root.resolve("pom.xml"), "<project/>");

        assertThatThrownBy(() -> Builders.discover(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("The builder directory " + file + " is a file; point builderDirectory"
                        + " (berth.builderDirectory) at the folder that holds the builder-NAME folders");
    }

    @Test
    void rebuildNamesWhatIsNoBuilder() {
        assertThat(Rebuild.parse("nosuch, a, zz").unknown(Set.of("a", "b"), "builder"))
                .contains("berth.rebuild names nosuch, zz, which is no builder here (known: a, b); fix the name, or"
                        + " ignore this if another goal reads it");
        assertThat(Rebuild.parse("a").unknown(Set.of("a", "b"), "builder")).isEmpty();
        assertThat(Rebuild.parse("all").unknown(Set.of("a"), "builder")).isEmpty();
    }

    private void dockerfile(String folder) throws IOException {
        Path directory = Files.createDirectories(root.resolve(folder));
        Files.writeString(directory.resolve("Dockerfile"), "FROM scratch\n");
    }
}
