package io.github.berth.engine.docker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The output of one image build: whole lines from stream fragments, the current step, the last lines, the error. */
final class BuildLog {

    static final int KEPT_LINES = 20;

    private final StringBuilder partial = new StringBuilder();
    private final Deque<String> last = new ArrayDeque<>();
    private String step = "before the first step";
    private String error;

    /** Takes a fragment of output and returns the lines it completes. */
    synchronized List<String> append(String fragment) {
        partial.append(fragment);
        List<String> lines = new ArrayList<>();
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
            String line = stripCarriageReturn(partial.substring(0, newline));
            partial.delete(0, newline + 1);
            keep(line);
            lines.add(line);
        }
        return lines;
    }

    /** The unfinished last line, if any. */
    synchronized List<String> flush() {
        if (partial.isEmpty()) {
            return List.of();
        }
        String line = partial.toString();
        partial.setLength(0);
        keep(line);
        return List.of(line);
    }

    synchronized void fail(String message) {
        error = message == null ? "the engine reported an error without a message" : message.strip();
    }

    synchronized void throwIfFailed() {
        if (error != null) {
            throw new BuildStepException(step, error, lastLines());
        }
    }

    synchronized String step() {
        return step;
    }

    synchronized List<String> lastLines() {
        return List.copyOf(last);
    }

    private void keep(String line) {
        // Docker says "Step 3/8 : RUN ...", Podman "STEP 3/8: RUN ..."
        if (line.startsWith("Step ") || line.startsWith("STEP ")) {
            step = line.strip();
        }
        last.addLast(line);
        if (last.size() > KEPT_LINES) {
            last.removeFirst();
        }
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
