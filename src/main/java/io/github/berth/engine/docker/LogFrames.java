package io.github.berth.engine.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The engine's framing of a container's output: stdout and stderr interleaved, each piece behind an 8-byte header
 * whose first byte names the stream and whose last four give the length. A container with a terminal has no such
 * framing; its output comes as it is.
 */
final class LogFrames {

    private static final int HEADER = 8;

    private LogFrames() {}

    /**
     * Copies what every frame of {@code framed} carries to {@code out}, each frame as it arrives, until the stream ends.
     * A stream that does not begin with a frame header is copied unchanged.
     */
    static void copy(InputStream framed, OutputStream out) throws IOException {
        byte[] header = new byte[HEADER];
        int read = framed.readNBytes(header, 0, HEADER);
        if (read < HEADER || !isHeader(header)) {
            out.write(header, 0, read);
            framed.transferTo(out);
            return;
        }
        byte[] buffer = new byte[8192];
        do {
            long left = ((header[4] & 0xffL) << 24)
                    | ((header[5] & 0xff) << 16)
                    | ((header[6] & 0xff) << 8)
                    | (header[7] & 0xff);
            while (left > 0) {
                int got = framed.readNBytes(buffer, 0, (int) Math.min(buffer.length, left));
                if (got == 0) {
                    return;
                }
                out.write(buffer, 0, got);
                left -= got;
            }
        } while (framed.readNBytes(header, 0, HEADER) == HEADER);
    }

    /** Stream 0 (stdin), 1 (stdout) or 2 (stderr), then three zero bytes. */
    private static boolean isHeader(byte[] header) {
        return header[0] >= 0 && header[0] <= 2 && header[1] == 0 && header[2] == 0 && header[3] == 0;
    }
}
