package io.github.berth.engine.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
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
