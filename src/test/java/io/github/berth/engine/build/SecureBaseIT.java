package io.github.berth.engine.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.Labels;
import io.github.berth.engine.docker.DockerEngine;
import io.github.berth.engine.docker.DockerImages;
import io.github.berth.engine.docker.TestDocker;
import io.github.berth.testing.RecordingReporter;
import io.github.berth.testing.TestImages;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** Secure bases imported into the real engine from tarballs the tests make. */
class SecureBaseIT {

    @TempDir
    Path directory;

    private final String repository = TestImages.uniqueName("berth-it-secure");
    private final RecordingReporter reporter = new RecordingReporter();
    private DockerEngine engine;
    private DockerImages images;
    private SecureBases bases;

    @BeforeEach
    void connect() {
        engine = TestDocker.connect();
        images = new DockerImages(engine);
        bases = new SecureBases(images, reporter);
    }

    @AfterEach
    void removeImages() {
        for (String tag : TestImages.docker(
                        null, "images", "--format", "{{.Repository}}:{{.Tag}}", "--filter", "reference=" + repository)
                .lines()
                .toList()) {
            images.remove(tag);
        }
        engine.close();
    }

    @Test
    void importsAnXzTarballOnceAndFindsItByTagAfterwards() throws IOException {
        Path tarball = directory.resolve("rootfs.tar.xz");
        try (OutputStream out = new XZOutputStream(Files.newOutputStream(tarball), new LZMA2Options())) {
            TestImages.writeBusyboxRootfs(out);
        }
        SecureBase base = new SecureBase(repository, "1.0", sha256(tarball), tarball.toUri());

        String first = bases.resolve(base, directory.resolve("Dockerfile"), 1);
        Files.delete(tarball);
        String second = bases.resolve(base, directory.resolve("Dockerfile"), 1);

        assertThat(second).isEqualTo(first);
        assertThat(images.idOf(base.reference())).contains(first);
        assertThat(images.labelsOf(first).orElseThrow()).containsEntry(Labels.OWNER, Labels.OWNER_VALUE);
        assertThat(base.reference()).matches(repository + ":1\\.0-[0-9a-f]{64}");
        assertThat(reporter.milestones()).hasSize(1);
    }

    @Test
    void wrongDigestFailsWithBothDigestsAndImportsNothing() throws IOException {
        byte[] marker = new byte[300_000 + new Random().nextInt(100_000)];
        Path tarball = directory.resolve("rootfs.tar");
        try (OutputStream out = Files.newOutputStream(tarball)) {
            TestImages.writeBusyboxRootfs(out, Map.of("etc/marker", marker));
        }
        String wrong = "ab".repeat(32);
        SecureBase base = new SecureBase(repository, "1.0", wrong, tarball.toUri());
        Instant started = Instant.now().minusSeconds(1);

        assertThatThrownBy(() -> bases.resolve(base, directory.resolve("Dockerfile"), 3))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(directory.resolve("Dockerfile") + " line 3: secure base " + tarball.toUri()
                        + " has SHA-256 " + sha256(tarball) + ", but the Dockerfile expects " + wrong
                        + "; nothing was imported. Check that the URL serves the intended file, then correct the"
                        + " digest");

        assertThat(images.idOf(base.reference())).isEmpty();
        long size = Files.size(TestImages.BUSYBOX) + marker.length;
        assertThat(untaggedImportsSince(started, size)).isEmpty();
    }

    @Test
    void aCutDownloadFailsAsTheDigestMismatchItIsAndImportsNothing() throws IOException {
        Path whole = xzRootfs();
        Path tarball = firstHalfOf(whole);
        SecureBase base = new SecureBase(repository, "1.0", sha256(whole), tarball.toUri());

        assertThatThrownBy(() -> bases.resolve(base, directory.resolve("Dockerfile"), 2))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(directory.resolve("Dockerfile") + " line 2: secure base " + tarball.toUri()
                        + " has SHA-256 " + sha256(tarball) + ", but the Dockerfile expects " + sha256(whole));

        assertThat(images.idOf(base.reference())).isEmpty();
    }

    @Test
    void aDamagedFileWithTheExpectedDigestIsCalledDamagedAndImportsNothing() throws IOException {
        Path whole = xzRootfs();
        Path tarball = firstHalfOf(whole);
        SecureBase base = new SecureBase(repository, "1.0", sha256(tarball), tarball.toUri());

        assertThatThrownBy(() -> bases.resolve(base, directory.resolve("Dockerfile"), 2))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(directory.resolve("Dockerfile") + " line 2: secure base " + tarball.toUri()
                        + " is not a complete xz file: ")
                .hasMessageContaining("so the file was already damaged when that digest was taken");

        assertThat(images.idOf(base.reference())).isEmpty();
    }

    @Test
    void neitherCredentialsNorQueryOfTheUrlAreShown() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("http://user:hunter2@127.0.0.1:" + port + "/rootfs.tar.xz?X-Amz-Signature=s3cr3t");
        SecureBase base = new SecureBase(repository, "1.0", "ab".repeat(32), url);

        assertThatThrownBy(() -> bases.resolve(base, directory.resolve("Dockerfile"), 1))
                .hasMessageStartingWith(directory.resolve("Dockerfile") + " line 1: secure base http://127.0.0.1:"
                        + port + "/rootfs.tar.xz?... cannot be downloaded")
                .satisfies(failure -> assertThat(failure.toString()).doesNotContain("hunter2", "s3cr3t"));
    }

    /**
     * Images without a tag, imported since {@code time}, of about {@code size} bytes: what a half-done import of this
     * test's tarball would leave. Other tests on the shared engine import images too, hence the size.
     */
    private static List<String> untaggedImportsSince(Instant time, long size) {
        List<String> found = new ArrayList<>();
        for (String id : TestImages.docker(null, "images", "--quiet", "--filter", "dangling=true")
                .lines()
                .toList()) {
            String[] fields = TestImages.docker(
                            null, "image", "inspect", "--format", "{{.Created}} {{.Size}} {{.Comment}}", id)
                    .strip()
                    .split(" ", 3);
            if (fields.length == 3
                    && Instant.parse(fields[0]).isAfter(time)
                    && Math.abs(Long.parseLong(fields[1]) - size) < 16_384
                    && fields[2].startsWith("Imported")) {
                found.add(id);
            }
        }
        return found;
    }

    private static String sha256(Path file) throws IOException {
        return Digests.sha256Hex(Files.readAllBytes(file));
    }

    /** The busybox root file system as an xz-compressed tarball. */
    private Path xzRootfs() throws IOException {
        Path whole = directory.resolve("whole.tar.xz");
        try (OutputStream out = new XZOutputStream(Files.newOutputStream(whole), new LZMA2Options())) {
            TestImages.writeBusyboxRootfs(out);
        }
        return whole;
    }

    /** {@code rootfs.tar.xz}, holding the first half of {@code whole}, as a download cut off halfway. */
    private Path firstHalfOf(Path whole) throws IOException {
        return Files.write(
                directory.resolve("rootfs.tar.xz"),
                Arrays.copyOf(Files.readAllBytes(whole), (int) Files.size(whole) / 2));
    }
}
