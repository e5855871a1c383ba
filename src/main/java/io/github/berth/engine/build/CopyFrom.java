package io.github.berth.engine.build;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --from=IMAGE} flag of a {@code COPY} instruction that names an image rather than a stage: its files are
 * copied from that image, so the build depends on it as on a {@code FROM} image.
 *
 * @param line the line the flag is written on, counted from 1
 * @param image the image, as written
 */
public record CopyFrom(int line, String image) {

    public CopyFrom {
        Objects.requireNonNull(image, "image");
    }

    /** Whether {@code lineText} holds this flag, in any case of its name. */
    boolean isOn(String lineText) {
        return flag().matcher(lineText).find();
    }

    /** {@code lineText} with this flag's image replaced by {@code reference}. */
    String rewrite(String lineText, String reference) {
        return flag().matcher(lineText).replaceFirst(Matcher.quoteReplacement("--from=" + reference));
    }

    private Pattern flag() {
        return Pattern.compile("(?i)--from=" + Pattern.quote(image) + "(?=\\s|$)");
    }
}
