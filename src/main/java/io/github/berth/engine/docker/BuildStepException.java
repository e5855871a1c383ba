package io.github.berth.engine.docker;

import io.github.berth.engine.BerthException;
import java.util.List;

/** A step of an image build failed in the engine. */
public class BuildStepException extends BerthException {

    private final String step;
    private final String error;
    private final List<String> lastLines;

    public BuildStepException(String step, String error, List<String> lastLines) {
        super(step + ": " + error);
        this.step = step;
        this.error = error;
        this.lastLines = List.copyOf(lastLines);
    }

    /** The step as the engine announced it, {@code Step 3/5 : RUN make}, or a note that none started. */
    public String step() {
        return step;
    }

    /** The engine's error message. */
    public String error() {
        return error;
    }

    /** The last lines of build output before the failure. */
    public List<String> lastLines() {
        return lastLines;
    }
}
