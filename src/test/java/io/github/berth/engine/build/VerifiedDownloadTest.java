package io.github.berth.engine.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class VerifiedDownloadTest {

    @TempDir
    Path directory;

    private final byte[] payload = payload(300_000);

    @Test
    void passesThePayloadOnWhenTheDigestMatches() throws IOException {
        Path file = Files.write(directory.resolve("rootfs.tar"), payload);

        byte[] read = readAll(file, Digests.sha256Hex(payload));

        assertThat(read).isEqualTo(payload);
    }

    @Test
    void decompressesXzAndChecksTheCompressedBytes() throws IOException {
        Path file = directory.resolve("rootfs.tar.xz");
        try (OutputStream out = new XZOutputStream(Files.newOutputStream(file), new LZMA2Options())) {
            out.write(payload);
        }

        byte[] read = readAll(file, Digests.sha256Hex(Files.readAllBytes(file)));

        assertThat(read).isEqualTo(payload);
    }

    @Test
    void decompressesGzip() throws IOException {
        Path file = directory.resolve("rootfs.tar.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(payload);
        }

        byte[] read = readAll(file, Digests.sha256Hex(Files.readAllBytes(file)));

        assertThat(read).isEqualTo(payload);
    }

    @Test
    void mismatchFailsBeforeTheLastBytesAreReleased() throws IOException {
        Path file = Files.write(directory.resolve("rootfs.tar"), payload);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        String wrong = "0".repeat(64);

        try (VerifiedDownload download = VerifiedDownload.open(file.toUri(), wrong)) {
            assertThatThrownBy(() -> download.transferTo(received))
                    .isInstanceOf(IOException.class)
                    .hasMessage("SHA-256 mismatch: expected " + wrong + ", got " + Digests.sha256Hex(payload));
            assertThat(download.mismatched()).isTrue();
            assertThat(download.actual()).isEqualTo(Digests.sha256Hex(payload));
        }
        assertThat(received.size()).isLessThanOrEqualTo(payload.length - VerifiedDownload.HELD_BACK);
    }

    @Test
    void readsAfterAMismatchKeepFailing() throws IOException {
        Path file = Files.write(directory.resolve("rootfs.tar"), payload);

        try (VerifiedDownload download = VerifiedDownload.open(file.toUri(), "0".repeat(64))) {
            assertThatThrownBy(() -> download.transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOf(IOException.class);

            assertThatThrownBy(download::read).hasMessageContaining("SHA-256 mismatch");
        }
    }

    @Test
    void aTruncatedXzDownloadIsReportedAsTheDigestMismatchItIs() throws IOException {
        Path whole = directory.resolve("whole.tar.xz");
        try (OutputStream out = new XZOutputStream(Files.newOutputStream(whole), new LZMA2Options())) {
            out.write(payload);
        }
        byte[] cut = Arrays.copyOf(Files.readAllBytes(whole), (int) Files.size(whole) / 2);
        Path file = Files.write(directory.resolve("rootfs.tar.xz"), cut);

        try (VerifiedDownload download = VerifiedDownload.open(file.toUri(), sha256(whole))) {
            assertThatThrownBy(() -> download.transferTo(OutputStream.nullOutputStream()))
                    .hasMessageContaining("SHA-256 mismatch");
            assertThat(download.mismatched()).isTrue();
            assertThat(download.actual()).isEqualTo(Digests.sha256Hex(cut));
        }
    }

    @Test
    void aFileThatIsNotXzIsReportedAsTheDigestMismatchItIs() throws IOException {
        Path file = Files.write(directory.resolve("rootfs.tar.xz"), payload);

        try (VerifiedDownload download = VerifiedDownload.open(file.toUri(), "0".repeat(64))) {
            assertThatThrownBy(() -> download.transferTo(OutputStream.nullOutputStream()))
                    .hasMessageContaining("SHA-256 mismatch");
            assertThat(download.mismatched()).isTrue();
        }
    }

    @Test
    void aDamagedFileWithTheExpectedDigestSaysItIsDamaged() throws IOException {
        Path whole = directory.resolve("whole.tar.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(whole))) {
            out.write(payload);
        }
        byte[] cut = Arrays.copyOf(Files.readAllBytes(whole), (int) Files.size(whole) / 2);
        Path file = Files.write(directory.resolve("rootfs.tar.gz"), cut);

        try (VerifiedDownload download = VerifiedDownload.open(file.toUri(), Digests.sha256Hex(cut))) {
            assertThatThrownBy(() -> download.transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("not a complete gzip file: ");
            assertThat(download.mismatched()).isFalse();
            assertThat(download.damage()).startsWith("not a complete gzip file: ");
        }
    }

    @Test
    void aMissingFileIsNamedAsMissing() {
        Path missing = directory.resolve("nope.tar");

        assertThatThrownBy(() -> VerifiedDownload.open(missing.toUri(), "0".repeat(64)))
                .isInstanceOf(IOException.class)
                .hasMessage("no such file " + missing);
    }

    @Test
    void aFileUrlWithAQueryIsRefusedAsOne() {
        URI url = URI.create(directory.resolve("rootfs.tar").toUri() + "?token=x");

        assertThatThrownBy(() -> VerifiedDownload.open(url, "0".repeat(64)))
                .isInstanceOf(IOException.class)
                .hasMessage("not a file URL: URI has a query component; write file:///PATH");
    }

    @Test
    @Timeout(20)
    void aServerThatStopsSendingFailsTheDownloadInsteadOfBlockingIt() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread stalling = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    socket.getOutputStream()
                            .write(("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n" + "x".repeat(1000))
                                    .getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    Thread.sleep(30_000);
                } catch (IOException | InterruptedException e) {
                    // the test is over
                }
            });
            stalling.setDaemon(true);
            stalling.start();
            URI url = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/rootfs.tar");

            try (VerifiedDownload download = VerifiedDownload.open(url, "0".repeat(64), Duration.ofSeconds(1))) {
                assertThatThrownBy(() -> download.transferTo(OutputStream.nullOutputStream()))
                        .hasMessage("the server sent nothing for 1 s");
                assertThat(download.brokenOff()).isEqualTo("the server sent nothing for 1 s");
            }
            stalling.interrupt();
        }
    }

    @Test
    void aRefusedConnectionNamesTheAddress() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/rootfs.tar");

        assertThatThrownBy(() -> VerifiedDownload.open(url, "0".repeat(64)))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot connect to 127.0.0.1:" + port);
    }

    private static String sha256(Path file) throws IOException {
        return Digests.sha256Hex(Files.readAllBytes(file));
    }

    private static byte[] readAll(Path file, String sha256) throws IOException {
        try (InputStream in = VerifiedDownload.open(file.toUri(), sha256)) {
            return in.readAllBytes();
        }
    }

    private static byte[] payload(int size) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return bytes;
    }
}
