package io.github.berth.testing;

import io.github.berth.engine.docker.TestDocker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Test images made without a registry: a root file system holding the static busybox of this machine and a link for
 * each of its applets, imported in a second or less. Nothing is pulled.
 *
 * <pre>{@code
 * String image = TestImages.busybox(TestImages.uniqueName("berth-test"));
 * try {
 *     // run containers of image
 * } finally {
 *     TestImages.remove(image);
 * }
 * }</pre>
 */
public final class TestImages {

    /** The static busybox binary the images are made of. */
    public static final Path BUSYBOX = Path.of("/bin/busybox");

    private TestImages() {}

    /** {@code prefix-} and a random suffix: a name no other test on the shared engine uses. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Imports a busybox image tagged {@code name:latest} whose command is {@code /bin/sh}.
     *
     * @return {@code name:latest}
     */
    public static String busybox(String name) {
        String reference = name + ":latest";
        docker(out -> writeBusyboxRootfs(out), "import", "--change", "CMD [\"/bin/sh\"]", "-", reference);
        return reference;
    }

    /** Writes the busybox root file system as an uncompressed tar: {@code bin/busybox} and {@code bin/APPLET} links. */
    public static void writeBusyboxRootfs(OutputStream out) throws IOException {
        writeBusyboxRootfs(out, Map.of());
    }

    /**
     * Writes the busybox root file system with more files, for example one that makes the image recognisable.
     *
     * @param extraFiles file contents by path, such as {@code etc/marker}
     */
    public static void writeBusyboxRootfs(OutputStream out, Map<String, byte[]> extraFiles) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        directory(tar, "bin/");
        directory(tar, "tmp/");
        TarArchiveEntry busybox = new TarArchiveEntry("bin/busybox");
        busybox.setMode(0100755);
        busybox.setSize(Files.size(BUSYBOX));
        busybox.setModTime(FileTime.from(Instant.EPOCH));
        tar.putArchiveEntry(busybox);
        Files.copy(BUSYBOX, tar);
        tar.closeArchiveEntry();
        for (String applet : applets()) {
            if (applet.equals("busybox")) {
                continue;
            }
            TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarConstants.LF_SYMLINK);
            link.setLinkName("busybox");
            link.setMode(0120777);
            link.setModTime(FileTime.from(Instant.EPOCH));
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        for (Map.Entry<String, byte[]> file : new TreeMap<>(extraFiles).entrySet()) {
            TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
            entry.setMode(0100644);
            entry.setSize(file.getValue().length);
            entry.setModTime(FileTime.from(Instant.EPOCH));
            tar.putArchiveEntry(entry);
            tar.write(file.getValue());
            tar.closeArchiveEntry();
        }
        tar.finish();
        tar.flush();
    }

    /** Writes the busybox root file system to {@code file} as a tar. */
    public static Path busyboxRootfs(Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeBusyboxRootfs(out);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes images by reference or id; those already gone are skipped. */
    public static void remove(String... references) {
        for (String reference : references) {
            run(null, List.of("docker", "rmi", "-f", reference), true);
        }
    }

    /** Whether the engine has an image {@code reference}. */
    public static boolean exists(String reference) {
        return run(null, List.of("docker", "image", "inspect", reference), true).exitCode() == 0;
    }

    /** Runs {@code docker ARGS}, feeding it what {@code input} writes, and returns its standard output. */
    public static String docker(Input input, String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        Result result = run(input, command, false);
        return result.output();
    }

    /** What a test feeds to a command. */
    @FunctionalInterface
    public interface Input {
        void writeTo(OutputStream out) throws IOException;
    }

    private record Result(int exitCode, String output) {}

    private static Result run(Input input, List<String> command, boolean mayFail) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (command.get(0).equals("docker") && System.getProperty(TestDocker.ENGINE_PROPERTY) != null) {
                // The engine of the tests' own that -Dberth.test.engine selects.
                builder.environment()
                        .put("DOCKER_HOST", TestDocker.endpoint().host().toString());
            }
            Process process = builder.start();
            try (OutputStream stdin = process.getOutputStream()) {
                if (input != null) {
                    input.writeTo(stdin);
                }
            }
            String output;
            try (InputStream stdout = process.getInputStream()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                stdout.transferTo(bytes);
                output = bytes.toString(StandardCharsets.UTF_8);
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 120 s");
            }
            if (process.exitValue() != 0 && !mayFail) {
                throw new IllegalStateException(
                        String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }

    private static List<String> applets() {
        String listing = run(null, List.of(BUSYBOX.toString(), "--list"), false).output();
        return listing.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_DIR);
        entry.setMode(name.equals("tmp/") ? 041777 : 040755);
        entry.setModTime(FileTime.from(Instant.EPOCH));
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }
}
