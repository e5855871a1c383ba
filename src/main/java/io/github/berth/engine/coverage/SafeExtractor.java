package io.github.berth.engine.coverage;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.Reporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks an untrusted tar stream into one directory and nowhere else. Entries with an absolute path or a {@code ..}
 * segment, links pointing outside the directory, entries that would be written through a link, devices and pipes are
 * skipped with a warning. Links are never followed while writing.
 */
public final class SafeExtractor {

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final Path destination;
    private final String rootName;
    private final String origin;
    private final Reporter reporter;
    private final List<Path> files = new ArrayList<>();
    private int skipped;

    /**
     * @param destination the directory to fill; created when missing
     * @param rootName the name of the archived directory itself, stripped from the front of entry names (Docker names
     *     the entries of an archived {@code /coverage} {@code coverage/...}); {@code ""} to strip nothing
     * @param origin what the archive is, for warnings ("the coverage archive of service api")
     */
    public SafeExtractor(Path destination, String rootName, String origin, Reporter reporter) {
        this.destination = Objects.requireNonNull(destination, "destination")
                .toAbsolutePath()
                .normalize();
        this.rootName = Objects.requireNonNull(rootName, "rootName");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.reporter = Objects.requireNonNull(reporter, "reporter");
    }

    /** What an extraction wrote, relative to the destination, and how many entries it refused. */
    public record Extraction(List<Path> files, int skipped) {

        public Extraction {
            files = List.copyOf(files);
        }
    }

    /** Reads {@code tar} to its end and writes its safe entries below the destination. */
    public Extraction extract(InputStream tar) {
        try {
            Files.createDirectories(destination);
            TarArchiveInputStream in = new TarArchiveInputStream(tar);
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                extractEntry(entry, in);
            }
        } catch (IOException e) {
            throw new BerthException("Cannot unpack " + origin + " into " + destination + ": " + e.getMessage(), e);
        }
        return new Extraction(files, skipped);
    }

    private void extractEntry(TarArchiveEntry entry, InputStream data) throws IOException {
        String name = entry.getName();
        List<String> segments = segments(name);
        if (name.startsWith("/") || segments.contains("..")) {
            skip(name, "its path leaves the target directory");
            return;
        }
        boolean isRoot = segments.size() == 1 && segments.get(0).equals(rootName);
        if (isRoot && entry.isDirectory()) {
            return;
        }
        if (isRoot && entry.isSymbolicLink()) {
            skip(name, "the archived directory itself is a link to '" + entry.getLinkName() + "'");
            return;
        }
        if (segments.size() > 1 && segments.get(0).equals(rootName)) {
            segments = segments.subList(1, segments.size());
        }
        if (segments.isEmpty()) {
            return;
        }
        Path relative = Path.of(String.join("/", segments));
        Path target = destination.resolve(relative);
        if (!parentsAreDirectories(relative)) {
            skip(name, "it would be written through a link or over a file");
            return;
        }
        if (entry.isFIFO() || entry.isCharacterDevice() || entry.isBlockDevice()) {
            skip(name, "it is neither a file, a directory nor a link");
        } else if (entry.isDirectory()) {
            writeDirectory(name, target);
        } else if (entry.isSymbolicLink()) {
            writeSymbolicLink(name, relative, entry.getLinkName());
        } else if (entry.isLink()) {
            writeHardLink(name, target, entry.getLinkName());
        } else {
            writeFile(name, relative, data);
        }
    }

    private static List<String> segments(String name) {
        return Arrays.stream(name.split("/"))
                .filter(segment -> !segment.isEmpty() && !segment.equals("."))
                .toList();
    }

    /** Creates the parents of {@code relative} one by one, refusing any that exists as a link or a file. */
    private boolean parentsAreDirectories(Path relative) throws IOException {
        Path current = destination;
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            current = current.resolve(relative.getName(i));
            if (Files.isSymbolicLink(current)) {
                return false;
            }
            if (!Files.exists(current, NOFOLLOW)) {
                Files.createDirectory(current);
            } else if (!Files.isDirectory(current, NOFOLLOW)) {
                return false;
            }
        }
        return true;
    }

    private void writeDirectory(String name, Path target) throws IOException {
        if (Files.isDirectory(target, NOFOLLOW)) {
            return;
        }
        if (Files.exists(target, NOFOLLOW)) {
            skip(name, "a file or link of that name is already there");
            return;
        }
        Files.createDirectory(target);
    }

    private void writeFile(String name, Path relative, InputStream data) throws IOException {
        Path target = destination.resolve(relative);
        if (!replaceable(name, target)) {
            return;
        }
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, NOFOLLOW)) {
            data.transferTo(out);
        }
        files.add(relative);
    }

    /**
     * A link is kept when its target is relative, climbs ({@code ..}) only at its start and stays below the
     * destination. Since every link obeys this, following any chain of them never leaves the destination.
     */
    private void writeSymbolicLink(String name, Path relative, String linkName) throws IOException {
        List<String> linkSegments = segments(linkName);
        int climbs = 0;
        while (climbs < linkSegments.size() && linkSegments.get(climbs).equals("..")) {
            climbs++;
        }
        boolean climbsLater = linkSegments.subList(climbs, linkSegments.size()).contains("..");
        int depth = relative.getNameCount() - 1;
        if (linkName.startsWith("/") || climbsLater || climbs > depth) {
            skip(name, "it links to '" + linkName + "', outside the target directory");
            return;
        }
        Path target = destination.resolve(relative);
        if (!replaceable(name, target)) {
            return;
        }
        Files.createSymbolicLink(target, Path.of(linkName));
    }

    private void writeHardLink(String name, Path target, String linkName) throws IOException {
        List<String> linkSegments = segments(linkName);
        if (linkName.startsWith("/") || linkSegments.contains("..")) {
            skip(name, "it links to '" + linkName + "', outside the target directory");
            return;
        }
        if (linkSegments.size() > 1 && linkSegments.get(0).equals(rootName)) {
            linkSegments = linkSegments.subList(1, linkSegments.size());
        }
        Path relativeSource = Path.of(String.join("/", linkSegments));
        Path source = destination.resolve(relativeSource);
        if (!files.contains(relativeSource) || !Files.isRegularFile(source, NOFOLLOW)) {
            skip(name, "it links to '" + linkName + "', which is no file unpacked before it");
            return;
        }
        if (!replaceable(name, target)) {
            return;
        }
        try (InputStream in = Files.newInputStream(source, NOFOLLOW)) {
            Files.copy(in, target);
        }
        files.add(destination.relativize(target));
    }

    /** Removes a file or link that an earlier entry of the same name left; refuses to replace a directory. */
    private boolean replaceable(String name, Path target) throws IOException {
        if (Files.isDirectory(target, NOFOLLOW)) {
            skip(name, "a directory of that name is already there");
            return false;
        }
        if (Files.deleteIfExists(target)) {
            files.remove(destination.relativize(target));
        }
        return true;
    }

    private void skip(String name, String reason) {
        skipped++;
        reporter.warning("Skipped entry '" + name + "' of " + origin + ": " + reason + "; nothing was written for it");
    }
}
