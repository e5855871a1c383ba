package io.github.berth.engine.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextStampTest {

    @TempDir
    Path dir;

    @Test
    void anUntouchedContextKeepsItsStamp() throws IOException {
        BuildContext context = context(write("app.txt", "one"));

        String first = ContextStamp.of("app", context, Map.of(), Map.of());

        assertThat(ContextStamp.of("app", context, Map.of(), Map.of())).isEqualTo(first);
    }

    @Test
    void newBytesChangeTheStampEvenWhenSizeAndModificationTimeAreRestored() throws IOException {
        Path file = write("app.txt", "one");
        FileTime modified = Files.getLastModifiedTime(file);
        String before = ContextStamp.of("app", context(file), Map.of(), Map.of());

        Files.writeString(file, "two");
        Files.setLastModifiedTime(file, modified);

        assertThat(ContextStamp.of("app", context(file), Map.of(), Map.of())).isNotEqualTo(before);
    }

    @Test
    void theDockerfileBuildArgumentsAndBasesTakePart() throws IOException {
        BuildContext context = context(write("app.txt", "one"));
        String plain = ContextStamp.of("app", context, Map.of(), Map.of());

        assertThat(ContextStamp.of("app", context, Map.of("V", "1"), Map.of())).isNotEqualTo(plain);
        assertThat(ContextStamp.of("app", context, Map.of(), Map.of("base", "sha256:1")))
                .isNotEqualTo(plain);
        assertThat(ContextStamp.of("other", context, Map.of(), Map.of())).isNotEqualTo(plain);
        assertThat(ContextStamp.of(
                        "app", withDockerfile(context, "FROM scratch\nCOPY app.txt /\n"), Map.of(), Map.of()))
                .isNotEqualTo(plain);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static BuildContext context(Path file) {
        return withDockerfile(
                new BuildContext(List.of(ContextEntry.file(file.getFileName().toString(), 0644, file))),
                "FROM scratch\n");
    }

    private static BuildContext withDockerfile(BuildContext context, String dockerfile) {
        List<ContextEntry> entries = new java.util.ArrayList<>(context.entries().stream()
                .filter(entry -> !entry.name().equals("Dockerfile"))
                .toList());
        entries.add(0, ContextEntry.generated("Dockerfile", 0644, dockerfile.getBytes(StandardCharsets.UTF_8)));
        return new BuildContext(List.copyOf(entries));
    }
}
