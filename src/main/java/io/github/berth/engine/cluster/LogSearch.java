package io.github.berth.engine.cluster;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks for a log readiness pattern in a container's output as the output arrives. The pattern is looked for in the
 * whole output so far, with {@code ^} and {@code $} at line ends; a line counts once it ended, or once the output is
 * complete. Lines end where the pattern's own {@code ^} and {@code $} see line ends: at {@code \n}, {@code \r}, {@code
 * \r\n}, U+0085, U+2028 and U+2029, so a progress bar redrawn after each {@code \r} is a line each time. A pattern that
 * cannot match a line end is tried on each line once, and only the line still being written is kept; any other
 * pattern is tried on the whole output, which is then kept, once per look at the outcome however many pieces the
 * output arrived in. The thread that follows the output reads it in while another looks at the outcome.
 *
 * <p>What is kept has bounds, so that a chatty service cannot fill the build's memory: a line longer than {@link
 * #LONGEST_LINE} characters is tried by its start, and a pattern tried on the whole output sees only its first {@link
 * #MOST_OUTPUT} characters, up to the last line end among them.
 */
final class LogSearch {

    /** How much of one line a search line by line keeps: 1 Mi characters. */
    static final int LONGEST_LINE = 1 << 20;

    /** How much of the output a search of the whole output keeps: 16 Mi characters. */
    static final int MOST_OUTPUT = 16 << 20;

    /** The letters that, after a backslash, stand for no line end: digit, word, non-space, boundary, back reference. */
    private static final String ONE_LINE_ESCAPES = "dwSVhbBk123456789";

    private final Pattern pattern;
    private final boolean byLine;
    private final int longestLine;
    private final int mostOutput;
    private StringBuilder kept = new StringBuilder();
    private long endedLines;
    private boolean found;
    private boolean unsearched;

    /** Whether the rest of a line too long to keep is being passed over, until its line end. */
    private boolean passingOver;

    /** Whether output beyond {@link #mostOutput} came and was dropped. */
    private boolean cutOff;

    /** Whether the character just before the kept output was a {@code \r}, whose {@code \n} may come next. */
    private boolean afterReturn;

    LogSearch(String regex) {
        this(regex, LONGEST_LINE, MOST_OUTPUT);
    }

    /** A search with other bounds than {@link #LONGEST_LINE} and {@link #MOST_OUTPUT}, to test them. */
    LogSearch(String regex, int longestLine, int mostOutput) {
        this.pattern = Pattern.compile(regex, Pattern.MULTILINE);
        this.byLine = staysOnOneLine(regex);
        this.longestLine = longestLine;
        this.mostOutput = mostOutput;
    }

    /** Reads more of the output. */
    synchronized void read(CharSequence more) {
        if (found || more.isEmpty()) {
            return;
        }
        if (byLine) {
            readLines(more);
            forgetOnceFound();
        } else if (!cutOff) {
            int from = kept.length();
            kept.append(more, 0, Math.min(more.length(), mostOutput - from));
            cutOff = kept.length() < from + more.length();
            for (int i = from; i < kept.length(); i++) {
                if (endsLine(i)) {
                    endedLines++;
                }
            }
            unsearched = true;
        }
    }

    private void readLines(CharSequence more) {
        int from = 0;
        if (passingOver) {
            while (from < more.length() && !isLineEnd(more.charAt(from))) {
                from++;
            }
            if (from == more.length()) {
                return;
            }
            passingOver = false;
            endedLines++;
            afterReturn = more.charAt(from) == '\r';
            from++;
        }
        int open = kept.length();
        kept.append(more, from, more.length());
        searchEndedLines(open);
        if (!found && kept.length() > longestLine) {
            // Only the line being written is kept: its start is tried as a line, its rest passed over.
            found = pattern.matcher(kept)
                    .useAnchoringBounds(false)
                    .useTransparentBounds(true)
                    .region(0, longestLine)
                    .find();
            kept = new StringBuilder();
            passingOver = true;
        }
    }

    /** The output is complete: a last line without a line end is tried too, unless the output was cut off. */
    synchronized void end() {
        if (found || kept.isEmpty()) {
            return;
        }
        unsearched = false;
        if (cutOff) {
            searchWholeLines();
        } else {
            found = pattern.matcher(kept).find();
        }
        forgetOnceFound();
    }

    /** Whether the pattern was found; a pattern tried on the whole output is tried on what arrived since the last look. */
    synchronized Probes.Outcome outcome() {
        if (unsearched && !found) {
            unsearched = false;
            searchWholeLines();
            forgetOnceFound();
        }
        if (found) {
            return Probes.Outcome.pass();
        }
        boolean openLine = passingOver || !kept.isEmpty() && !isLineEnd(kept.charAt(kept.length() - 1));
        long lines = endedLines + (openLine ? 1 : 0);
        return Probes.Outcome.pending(
                cutOff
                        ? "no match in the first " + lines + " lines of output, " + size(mostOutput)
                                + ", beyond which a pattern that may span lines is not tried"
                        : "no matching line in " + lines + " lines of output");
    }

    private static String size(int characters) {
        return characters % (1 << 20) == 0 ? (characters >> 20) + " Mi characters" : characters + " characters";
    }

    private void forgetOnceFound() {
        if (found) {
            kept = new StringBuilder();
        }
    }

    /** How many characters of the output are kept. */
    synchronized int keptCharacters() {
        return kept.length();
    }

    /**
     * Tries each line that ended in what arrived from {@code from} on, then keeps only the line still open. The text
     * around a line stays in sight of anchors and look-arounds, as in a search of the whole output. A line that ends in
     * {@code \r} is tried at once: its text is the same whether a {@code \n} follows or not.
     */
    private void searchEndedLines(int from) {
        Matcher matcher = pattern.matcher(kept).useAnchoringBounds(false).useTransparentBounds(true);
        int lineStart = 0;
        for (int i = from; i < kept.length() && !found; i++) {
            if (endsLine(i)) {
                endedLines++;
                found = matcher.region(lineStart, i).find();
                lineStart = i + 1;
            } else if (kept.charAt(i) == '\n') {
                lineStart = i + 1;
            }
        }
        if (lineStart > 0) {
            afterReturn = kept.charAt(lineStart - 1) == '\r';
        }
        kept.delete(0, lineStart);
    }

    /**
     * Tries the whole output up to its last line end, the line still being written left out but in sight of
     * look-aheads, so that {@code $} does not match where that line is cut off. A {@code \r} at the very end is left
     * out too, though its line is tried: whether it is a line end of its own or the start of a {@code \r\n} shows only
     * with the next character. A match that more output could undo, as of {@code $} or {@code \Z} at the end of the
     * output so far, does not count.
     */
    private void searchWholeLines() {
        // TODO: a match that \z or a look-ahead allows only because the output ends where it now ends is taken,
        // though more output could undo it: the matcher does not tell such a match apart.
        int end = kept.length();
        if (end > 0 && kept.charAt(end - 1) == '\r') {
            end--;
        } else {
            while (end > 0 && !isLineEnd(kept.charAt(end - 1))) {
                end--;
            }
        }
        if (end > 0) {
            Matcher matcher = pattern.matcher(kept)
                    .useAnchoringBounds(false)
                    .useTransparentBounds(true)
                    .region(0, end);
            while (!found && matcher.find()) {
                found = !matcher.requireEnd();
                matcher.region(matcher.start() + 1, end);
            }
        }
    }

    /** Whether the character at {@code i} of the kept output ends a line; of a {@code \r\n} only the {@code \r} does. */
    private boolean endsLine(int i) {
        char c = kept.charAt(i);
        if (c == '\n') {
            return !(i > 0 ? kept.charAt(i - 1) == '\r' : afterReturn);
        }
        return isLineEnd(c);
    }

    /** Whether {@code c} is a line end of a pattern in MULTILINE mode without UNIX_LINES. */
    private static boolean isLineEnd(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /**
     * Whether no match of {@code regex} can hold a line end, judged from its text and on the safe side: anything that
     * may stand for one (a line end written out, escaped or not, whitespace, a negated class, a character by its code
     * or property, a class of all but digits or word characters, DOTALL, UNIX_LINES, an anchor at the ends of the whole
     * input, MULTILINE turned off) says no.
     */
    static boolean staysOnOneLine(String regex) {
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c < ' ' || isLineEnd(c)) {
                return false;
            }
            if (c == '\\') {
                if (i + 1 == regex.length()) {
                    return false;
                }
                char escaped = regex.charAt(++i);
                if (escaped < ' ' || isLineEnd(escaped)) {
                    return false;
                }
                if (escaped == 'Q') {
                    int end = regex.indexOf("\\E", i);
                    String quoted = regex.substring(i + 1, end < 0 ? regex.length() : end);
                    if (quoted.chars().anyMatch(q -> q < ' ' || isLineEnd((char) q))) {
                        return false;
                    }
                    i = end < 0 ? regex.length() : end + 1;
                } else if (Character.isLetterOrDigit(escaped) && ONE_LINE_ESCAPES.indexOf(escaped) < 0) {
                    return false;
                }
            } else if (c == '[' && regex.startsWith("^", i + 1)) {
                return false;
            } else if (c == '(' && regex.startsWith("?", i + 1) && reachesPastLines(regex, i + 2)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the group whose flags start at {@code at}, as in {@code (?is)} or {@code (?s:...)}, turns DOTALL on or
     * MULTILINE off, so that {@code .} matches a line end or {@code ^} and {@code $} stand for the ends of the output,
     * or turns UNIX_LINES on, so that {@code .} matches every line end but {@code \n}.
     */
    private static boolean reachesPastLines(String regex, int at) {
        int end = at;
        while (end < regex.length() && (Character.isLetter(regex.charAt(end)) || regex.charAt(end) == '-')) {
            end++;
        }
        boolean flagGroup = end < regex.length() && (regex.charAt(end) == ')' || regex.charAt(end) == ':');
        String flags = regex.substring(at, end);
        int minus = flags.indexOf('-');
        String turnedOn = minus < 0 ? flags : flags.substring(0, minus);
        String turnedOff = minus < 0 ? "" : flags.substring(minus);
        return flagGroup && (turnedOn.indexOf('s') >= 0 || turnedOn.indexOf('d') >= 0 || turnedOff.indexOf('m') >= 0);
    }
}
