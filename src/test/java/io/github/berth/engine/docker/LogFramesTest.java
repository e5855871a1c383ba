package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** How a container's framed output is taken apart. */
class LogFramesTest {

    private static byte[] frame(int stream, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] framed = new byte[8 + payload.length];
        framed[0] = (byte) stream;
        framed[4] = (byte) (payload.length >>> 24);
        framed[5] = (byte) (payload.length >>> 16);
        framed[6] = (byte) (payload.length >>> 8);
        framed[7] = (byte) payload.length;
        System.arraycopy(payload, 0, framed, 8, payload.length);
        return framed;
    }

    private static String copy(byte[]... parts) throws IOException {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            in.write(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogFrames.copy(new ByteArrayInputStream(in.toByteArray()), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void stdoutAndStderrFramesAreJoinedInTheOrderWritten() throws IOException {
        assertThat(copy(frame(1, "out one\n"), frame(2, "err ü\n"), frame(1, ""), frame(1, "out two\n")))
                .isEqualTo("out one\nerr ü\nout two\n");
    }

    @Test
    void aFrameLargerThanTheBufferArrivesWhole() throws IOException {
        String big = "x".repeat(100_000);

        assertThat(copy(frame(1, big), frame(2, "end"))).isEqualTo(big + "end");
    }

    @Test
    void outputWithoutFramingIsCopiedAsItIs() throws IOException {
        assertThat(copy("plain output of a container with a terminal\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("plain output of a container with a terminal\n");
        assertThat(copy("short".getBytes(StandardCharsets.UTF_8))).isEqualTo("short");
        assertThat(copy()).isEmpty();
    }

    @Test
    void aStreamCutShortInAFrameKeepsWhatArrived() throws IOException {
        byte[] whole = frame(1, "cut here");
        byte[] cut = Arrays.copyOf(whole, whole.length - 4);

        assertThat(copy(frame(1, "first "), cut)).isEqualTo("first cut ");
    }
}
