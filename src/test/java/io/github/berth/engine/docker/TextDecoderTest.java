package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextDecoderTest {

    @Test
    void aCharacterSplitBetweenWritesIsHandedOnWhole() {
        List<String> pieces = new ArrayList<>();
        byte[] bytes = "ready ✓ émoji 🚀\n".getBytes(StandardCharsets.UTF_8);

        try (TextDecoder decoder = new TextDecoder(pieces::add)) {
            for (byte b : bytes) {
                decoder.write(new byte[] {b}, 0, 1);
            }
        }

        assertThat(String.join("", pieces)).isEqualTo("ready ✓ émoji 🚀\n");
        assertThat(pieces).noneMatch(piece -> piece.contains("\uFFFD"));
    }

    @Test
    void textLongerThanItsBuffersArrivesInOrder() {
        StringBuilder text = new StringBuilder();
        String line = "line é ✓ " + "x".repeat(1000) + "\n";
        byte[] bytes = line.repeat(100).getBytes(StandardCharsets.UTF_8);

        try (TextDecoder decoder = new TextDecoder(text::append)) {
            decoder.write(bytes, 0, bytes.length);
        }

        assertThat(text.toString()).isEqualTo(line.repeat(100));
    }

    @Test
    void bytesThatAreNotUtf8BecomeReplacementCharacters() {
        StringBuilder text = new StringBuilder();

        try (TextDecoder decoder = new TextDecoder(text::append)) {
            decoder.write(new byte[] {'a', (byte) 0xff, 'b', (byte) 0xe2, (byte) 0x9c}, 0, 5);
        }

        assertThat(text.toString()).isEqualTo("a\uFFFDb\uFFFD");
    }
}
