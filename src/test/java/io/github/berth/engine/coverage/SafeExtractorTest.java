package io.github.berth.engine.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.berth.engine.CollectingReporter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeExtractorTest {

    @TempDir
    Path sandbox;

    private Path destination;
    private final CollectingReporter reporter = new CollectingReporter();

    @BeforeEach
    void createDestination() {
        destination = sandbox.resolve("out/api");
    }

    @Test
    void writesFilesAndDirectoriesBelowTheDestinationWithoutTheArchivedDirectoryName() throws IOException {
        byte[] tar = tar(directory("coverage/"), file("coverage/jacoco.exec", "data"), file("coverage/sub/x.txt", "x"));

        SafeExtractor.Extraction extraction = extract(tar);

        assertThat(extraction.files()).containsExactly(Path.of("jacoco.exec"), Path.of("sub/x.txt"));
        assertThat(destination.resolve("jacoco.exec")).hasContent("data");
        assertThat(destination.resolve("sub/x.txt")).hasContent("x");
        assertThat(reporter.warnings).isEmpty();
    }

    @Test
    void keepsTheNameOfAnArchivedSingleFile() throws IOException {
        SafeExtractor.Extraction extraction = extract(tar(file("coverage", "data")));

        assertThat(extraction.files()).containsExactly(Path.of("coverage"));
    }

    @Test
    void skipsEntriesThatClimbOutOfTheDestination() throws IOException {
        byte[] tar =
                tar(file("../evil", "x"), file("coverage/../../evil2", "x"), file("coverage/a/../../../evil3", "x"));

        SafeExtractor.Extraction extraction = extract(tar);

        assertThat(extraction.skipped()).isEqualTo(3);
        assertThat(reporter.warnings)
                .first()
                .isEqualTo("Skipped entry '../evil' of the coverage archive of service api: its path leaves the target"
                        + " directory; nothing was written for it");
        assertThat(allFilesIn(sandbox)).isEmpty();
    }

    @Test
    void skipsEntriesWithAbsolutePaths() throws IOException {
        Path outside = sandbox.resolve("absolute.txt");

        SafeExtractor.Extraction extraction = extract(tar(file(outside.toString(), "x")));

        assertThat(extraction.skipped()).isEqualTo(1);
        assertThat(outside).doesNotExist();
        assertThat(reporter.warnings).singleElement().asString().contains("its path leaves the target directory");
    }

    @Test
    void skipsSymbolicLinksThatPointOutside() throws IOException {
        byte[] tar = tar(
                symlink("coverage/abs", "/etc"),
                symlink("coverage/up", "../.."),
                symlink("coverage/sub/up", "../../x"),
                symlink("coverage/sneaky", "sub/../../x"));

        SafeExtractor.Extraction extraction = extract(tar);

        assertThat(extraction.skipped()).isEqualTo(4);
        assertThat(reporter.warnings)
                .first()
                .asString()
                .endsWith("it links to '/etc', outside the target directory;" + " nothing was written for it");
        assertThat(linksIn(sandbox)).isEmpty();
    }

    @Test
    void keepsSymbolicLinksThatStayInside() throws IOException {
        byte[] tar = tar(file("coverage/a.exec", "a"), symlink("coverage/sub/link", "../a.exec"));

        extract(tar);

        assertThat(Files.readSymbolicLink(destination.resolve("sub/link"))).isEqualTo(Path.of("../a.exec"));
        assertThat(reporter.warnings).isEmpty();
    }

    @Test
    void neverWritesThroughALink() throws IOException {
        Path outside = Files.createDirectories(sandbox.resolve("outside"));
        byte[] tar = tar(symlink("coverage/self", "."), file("coverage/self/x", "x"), symlink("coverage/self/l", ".."));

        SafeExtractor.Extraction extraction = extract(tar);

        assertThat(extraction.skipped()).isEqualTo(2);
        assertThat(reporter.warnings).first().asString().contains("it would be written through a link or over a file");
        assertThat(outside).isEmptyDirectory();
        assertThat(destination.resolve("x")).doesNotExist();
    }

    @Test
    void replacesALinkByAFileRatherThanWritingThroughIt() throws IOException {
        Path victim = Files.writeString(Files.createDirectories(destination).resolve("victim"), "kept");
        byte[] tar = tar(symlink("coverage/l", "victim"), file("coverage/l", "new"));

        extract(tar);

        assertThat(victim).hasContent("kept");
        assertThat(destination.resolve("l")).isRegularFile().hasContent("new");
    }

    @Test
    void copiesHardLinksToFilesUnpackedBefore() throws IOException {
        byte[] tar = tar(
                file("coverage/a", "a"), hardLink("coverage/b", "coverage/a"), hardLink("coverage/c", "/etc/passwd"));

        SafeExtractor.Extraction extraction = extract(tar);

        assertThat(destination.resolve("b")).hasContent("a");
        assertThat(extraction.skipped()).isEqualTo(1);
        assertThat(reporter.warnings).singleElement().asString().contains("it links to '/etc/passwd'");
    }

    @Test
    void skipsDevicesAndPipes() throws IOException {
        SafeExtractor.Extraction extraction = extract(tar(fifo("coverage/fifo")));

        assertThat(extraction.skipped()).isEqualTo(1);
        assertThat(reporter.warnings).singleElement().asString().contains("neither a file, a directory nor a link");
    }

    @Test
    void refusesAnArchivedDirectoryThatIsItselfALink() throws IOException {
        SafeExtractor.Extraction extraction = extract(tar(symlink("coverage", "/etc")));

        assertThat(extraction.files()).isEmpty();
        assertThat(reporter.warnings)
                .singleElement()
                .asString()
                .contains("the archived directory itself is a link to '/etc'");
    }

    private SafeExtractor.Extraction extract(byte[] tar) {
        return new SafeExtractor(destination, "coverage", "the coverage archive of service api", reporter)
                .extract(new ByteArrayInputStream(tar));
    }

    /** A tar entry and, for a file, its content. */
    private record Item(TarArchiveEntry header, byte[] content) {}

    private static Item directory(String name) {
        return new Item(new TarArchiveEntry(name, true), new byte[0]);
    }

    private static Item file(String name, String text) {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(content.length);
        return new Item(entry, content);
    }

    private static Item symlink(String name, String target) {
        return link(name, TarConstants.LF_SYMLINK, target);
    }

    private static Item hardLink(String name, String target) {
        return link(name, TarConstants.LF_LINK, target);
    }

    private static Item link(String name, byte type, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        entry.setLinkName(target);
        return new Item(entry, new byte[0]);
    }

    private static Item fifo(String name) {
        return new Item(new TarArchiveEntry(name, TarConstants.LF_FIFO, true), new byte[0]);
    }

    private static byte[] tar(Item... items) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Item item : items) {
                out.putArchiveEntry(item.header());
                out.write(item.content());
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static List<Path> allFilesIn(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS))
                    .toList();
        }
    }

    private static List<Path> linksIn(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isSymbolicLink).toList();
        }
    }
}
