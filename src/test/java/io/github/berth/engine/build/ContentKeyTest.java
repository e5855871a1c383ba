package io.github.berth.engine.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentKeyTest {

    @TempDir
    Path directory;

    private Path file;
    private String key;

    @BeforeEach
    void computeAKey() throws IOException {
        file = Files.writeString(directory.resolve("app.jar"), "v1");
        key = ContentKey.of("app", context(0644, "FROM base\n"), Map.of("A", "1"), Map.of("base", "sha256:1"));
    }

    @Test
    void sameInputsGiveTheSameKey() throws IOException {
        String again = ContentKey.of("app", context(0644, "FROM base\n"), Map.of("A", "1"), Map.of("base", "sha256:1"));

        assertThat(again).isEqualTo(key).hasSize(64);
    }

    @Test
    void fileBytesChangeTheKey() throws IOException {
        Files.writeString(file, "v2");

        assertThat(ContentKey.of("app", context(0644, "FROM base\n"), Map.of("A", "1"), Map.of("base", "sha256:1")))
                .isNotEqualTo(key);
    }

    @Test
    void modeChangesTheKey() throws IOException {
        assertThat(ContentKey.of("app", context(0755, "FROM base\n"), Map.of("A", "1"), Map.of("base", "sha256:1")))
                .isNotEqualTo(key);
    }

    @Test
    void dockerfileChangesTheKey() throws IOException {
        assertThat(ContentKey.of("app", context(0644, "FROM base \n"), Map.of("A", "1"), Map.of("base", "sha256:1")))
                .isNotEqualTo(key);
    }

    @Test
    void buildArgChangesTheKey() throws IOException {
        assertThat(ContentKey.of("app", context(0644, "FROM base\n"), Map.of("A", "2"), Map.of("base", "sha256:1")))
                .isNotEqualTo(key);
    }

    @Test
    void baseImageIdChangesTheKey() throws IOException {
        assertThat(ContentKey.of("app", context(0644, "FROM base\n"), Map.of("A", "1"), Map.of("base", "sha256:2")))
                .isNotEqualTo(key);
    }

    @Test
    void imageNameChangesTheKey() throws IOException {
        assertThat(ContentKey.of("api", context(0644, "FROM base\n"), Map.of("A", "1"), Map.of("base", "sha256:1")))
                .isNotEqualTo(key);
    }

    @Test
    void tagTakesTheStartOfTheKey() {
        assertThat(ContentKey.tag(key)).isEqualTo(key.substring(0, 12));
    }

    private BuildContext context(int mode, String dockerfile) {
        return new BuildContext(List.of(
                ContextEntry.file("app.jar", mode, file),
                ContextEntry.generated("Dockerfile", 0644, dockerfile.getBytes())));
    }
}
