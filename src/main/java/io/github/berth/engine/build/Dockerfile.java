package io.github.berth.engine.build;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A parsed Dockerfile: its text and the directives Berth acts on.
 *
 * @param path where it was read from, for messages
 * @param text its text as read
 * @param includes the {@code # %include} lines, in order
 * @param froms the {@code FROM} instructions, in order
 * @param copies the images that {@code COPY --from} copies from, in order
 */
public record Dockerfile(
        Path path, String text, List<Include> includes, List<FromInstruction> froms, List<CopyFrom> copies) {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.:/@+,-]+");

    public Dockerfile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
        includes = List.copyOf(includes);
        froms = List.copyOf(froms);
        copies = List.copyOf(copies);
    }

    /**
     * The text with the image of some {@code FROM} instructions and {@code COPY --from} flags replaced. A replaced
     * {@code FROM} becomes one line; the lines its continuations took are left empty so that line numbers stay the
     * same.
     *
     * @param references the new image of each replaced instruction
     * @param copied the new image of each replaced {@code COPY --from}
     */
    public String rewrite(Map<FromInstruction, String> references, Map<CopyFrom, String> copied) {
        if (references.isEmpty() && copied.isEmpty()) {
            return text;
        }
        String[] lines = text.split("\n", -1);
        copied.forEach((copy, reference) -> lines[copy.line() - 1] = copy.rewrite(lines[copy.line() - 1], reference));
        for (Map.Entry<FromInstruction, String> entry : references.entrySet()) {
            FromInstruction from = entry.getKey();
            String ending = lines[from.lastLine() - 1].endsWith("\r") ? "\r" : "";
            lines[from.firstLine() - 1] = from.rewrittenTo(entry.getValue()) + ending;
            for (int line = from.firstLine(); line < from.lastLine(); line++) {
                lines[line] = ending;
            }
        }
        return String.join("\n", lines);
    }

    /**
     * Whether label {@code key=value} can stand in a LABEL instruction as it is: it holds nothing a Dockerfile
     * expands, escapes or ends a word at.
     */
    static boolean plainLabel(String key, String value) {
        return PLAIN.matcher(key).matches() && PLAIN.matcher(value).matches();
    }

    /**
     * One LABEL instruction, with its line end, setting all of {@code labels}: a single step of the build, where the
     * engine makes one step of each label it is given beside the Dockerfile.
     *
     * @param labels labels that are all {@link #plainLabel plain}
     */
    static String labelInstruction(Map<String, String> labels) {
        StringBuilder line = new StringBuilder("LABEL");
        new TreeMap<>(labels).forEach((key, value) -> {
            if (!plainLabel(key, value)) {
                throw new IllegalArgumentException("Label " + key + "=" + value + " needs quoting in a Dockerfile");
            }
            line.append(" \"").append(key).append("\"=\"").append(value).append('"');
        });
        return line.append('\n').toString();
    }

    /** The text as bytes, the way it is stored in the build context. */
    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The FROM instructions that name images of the engine, in order. */
    public List<FromInstruction> imageFroms() {
        List<FromInstruction> result = new ArrayList<>();
        for (FromInstruction from : froms) {
            if (from.namesImage()) {
                result.add(from);
            }
        }
        return List.copyOf(result);
    }
}
