package io.github.berth.engine.docker;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Decodes the bytes written to it as UTF-8 and hands the text on in pieces as it goes, holding back only a character
 * whose bytes are split between two writes. Bytes that are not UTF-8 become U+FFFD. Closing hands on the rest.
 */
final class TextDecoder extends OutputStream {

    private static final int CHUNK = 8192;

    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer bytes = ByteBuffer.allocate(CHUNK);
    private final CharBuffer chars = CharBuffer.allocate(CHUNK);
    private final Consumer<String> text;
    private boolean closed;

    /** @param text receives each decoded piece, in order */
    TextDecoder(Consumer<String> text) {
        this.text = text;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        int at = off;
        int left = len;
        while (left > 0) {
            int taken = Math.min(left, bytes.remaining());
            bytes.put(b, at, taken);
            at += taken;
            left -= taken;
            decode(false);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        decode(true);
        while (decoder.flush(chars).isOverflow()) {
            handOn();
        }
        handOn();
    }

    private void decode(boolean endOfInput) {
        bytes.flip();
        CoderResult result;
        do {
            result = decoder.decode(bytes, chars, endOfInput);
            handOn();
        } while (result.isOverflow());
        bytes.compact();
    }

    private void handOn() {
        chars.flip();
        if (chars.hasRemaining()) {
            text.accept(chars.toString());
        }
        chars.clear();
    }
}
