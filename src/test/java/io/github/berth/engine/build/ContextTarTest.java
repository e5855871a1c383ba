package io.github.berth.engine.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextTarTest {

    @TempDir
    Path directory;

    @Test
    void entriesAreSortedWithFixedOwnersAndTimes() throws IOException {
        Path file = Files.writeString(directory.resolve("b.txt"), "bee");
        BuildContext context = new BuildContext(List.of(
                ContextEntry.file("b.txt", 0644, file),
                ContextEntry.directory("a", 0755),
                ContextEntry.generated("Dockerfile", 0600, "FROM scratch\n".getBytes(StandardCharsets.UTF_8))));

        List<TarArchiveEntry> entries = read(context);

        assertThat(entries).extracting(TarArchiveEntry::getName).containsExactly("Dockerfile", "a/", "b.txt");
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.getLongUserId()).isZero();
            assertThat(entry.getLongGroupId()).isZero();
            assertThat(entry.getUserName()).isEmpty();
            assertThat(entry.getGroupName()).isEmpty();
            assertThat(entry.getModTime().toInstant()).isEqualTo(ContextTar.TIME);
        });
    }

    @Test
    void modesCarryTheFileTypeBitsLikeTheDockerCli() throws IOException {
        Path script = Files.writeString(directory.resolve("run.sh"), "#!/bin/sh\n");
        BuildContext context = new BuildContext(List.of(
                ContextEntry.file("run.sh", 04755, script),
                ContextEntry.directory("conf", 0750),
                ContextEntry.link("current", "run.sh")));

        byte[] tar = write(context);

        assertThat(modeField(tar, "conf/")).isEqualTo("0040750");
        assertThat(modeField(tar, "current")).isEqualTo("0120777");
        assertThat(modeField(tar, "run.sh")).isEqualTo("0104755");
    }

    @Test
    void linksStayLinks() throws IOException {
        BuildContext context = new BuildContext(List.of(ContextEntry.link("lib/current", "../v2/lib.so")));

        TarArchiveEntry link = read(context).get(0);

        assertThat(link.isSymbolicLink()).isTrue();
        assertThat(link.getLinkName()).isEqualTo("../v2/lib.so");
    }

    @Test
    void longAndNonAsciiNamesSurvive() throws IOException {
        String longName = "deep/".repeat(30) + "file.txt";
        String nonAscii = "données/größe-ß-日本.txt";
        Path file = Files.writeString(directory.resolve("f"), "x");
        BuildContext context = new BuildContext(
                List.of(ContextEntry.file(longName, 0644, file), ContextEntry.file(nonAscii, 0644, file)));

        List<TarArchiveEntry> entries = read(context);

        assertThat(entries).extracting(TarArchiveEntry::getName).containsExactly(longName, nonAscii);
    }

    @Test
    void sameContextGivesSameBytes() throws IOException {
        Path file = Files.writeString(directory.resolve("f"), "content");
        BuildContext context = new BuildContext(List.of(ContextEntry.file("f", 0644, file)));

        assertThat(write(context)).isEqualTo(write(context));
    }

    @Test
    void fileContentIsCopied() throws IOException {
        Path file = Files.writeString(directory.resolve("f"), "content");
        BuildContext context = new BuildContext(List.of(ContextEntry.file("f", 0644, file)));

        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(write(context)))) {
            in.getNextEntry();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("content");
        }
    }

    /** The mode field of the ustar header of {@code name}, as written: seven octal digits. */
    private static String modeField(byte[] tar, String name) {
        for (int offset = 0; offset + 512 <= tar.length; offset += 512) {
            String headerName = new String(tar, offset, 100, StandardCharsets.US_ASCII).replace("\0", "");
            if (headerName.equals(name)) {
                return new String(tar, offset + 100, 7, StandardCharsets.US_ASCII);
            }
        }
        throw new AssertionError("no header " + name + " in " + Map.of("size", tar.length));
    }

    private static byte[] write(BuildContext context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContextTar.write(context, out);
        return out.toByteArray();
    }

    private static List<TarArchiveEntry> read(BuildContext context) throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(write(context)), "UTF-8")) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.add(entry);
            }
        }
        return entries;
    }
}
