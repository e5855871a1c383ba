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

class FileDigestsTest {

    private static final String SHA256_OF_V1 = "3bfc269594ef649228e9a74bab00f042efc91d5acc6fbee31a382e80d42388fe";

    @TempDir
    Path directory;

    private Path file;
    private Path kept;
    private ContextEntry entry;

    @BeforeEach
    void aFileOfAContext() throws IOException {
        file = Files.writeString(directory.resolve("app.jar"), "v1");
        kept = directory.resolve("state/digests/app");
        entry = ContextEntry.file("app.jar", 0644, file);
    }

    @Test
    void aFileNeverSeenIsRead() throws IOException {
        assertThat(FileDigests.in(kept).of(entry)).isEqualTo(SHA256_OF_V1);
    }

    @Test
    void aKeptDigestStandsForAFileDescribedTheSame() throws IOException {
        String pretended = "0".repeat(64);
        Files.createDirectories(kept.getParent());
        Files.writeString(kept, pretended + "\t" + ContextStamp.describe(file) + "\tapp.jar\n");

        assertThat(FileDigests.in(kept).of(entry)).isEqualTo(pretended);
    }

    @Test
    void aFileWrittenSinceItsDigestWasKeptIsReadAgain() throws IOException {
        FileDigests first = FileDigests.in(kept);
        first.of(entry);
        first.save();

        Files.writeString(file, "v2");

        assertThat(FileDigests.in(kept).of(entry))
                .isNotEqualTo(SHA256_OF_V1)
                .isEqualTo(Digests.sha256Hex("v2".getBytes()));
    }

    @Test
    void savingKeepsOnlyTheFilesAskedFor() throws IOException {
        Files.createDirectories(kept.getParent());
        Files.writeString(kept, "0".repeat(64) + "\t1 2 3 4 5\tgone.txt\n");
        FileDigests digests = FileDigests.in(kept);
        digests.of(entry);

        digests.save();

        assertThat(Files.readAllLines(kept))
                .singleElement()
                .asString()
                .startsWith(SHA256_OF_V1 + "\t")
                .endsWith("\tapp.jar");
    }

    @Test
    void aGarbledFileOfDigestsCountsAsEmpty() throws IOException {
        Files.createDirectories(kept.getParent());
        Files.writeString(kept, "not\ta digest line\nnor this\n");

        assertThat(FileDigests.in(kept).of(entry)).isEqualTo(SHA256_OF_V1);
    }

    @Test
    void theContentKeyIsTheSameWithKeptDigests() throws IOException {
        BuildContext context = new BuildContext(
                List.of(entry, ContextEntry.generated("Dockerfile", 0644, "FROM scratch\n".getBytes())));
        String read = ContentKey.of("app", context, Map.of(), Map.of());
        FileDigests first = FileDigests.in(kept);
        ContentKey.of("app", context, Map.of(), Map.of(), first);
        first.save();

        assertThat(ContentKey.of("app", context, Map.of(), Map.of(), FileDigests.in(kept)))
                .isEqualTo(read);
    }
}
