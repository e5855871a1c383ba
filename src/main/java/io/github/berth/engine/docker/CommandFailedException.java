package io.github.berth.engine.docker;

import io.github.berth.engine.BerthException;
import java.util.List;

/** A command run in a container ended with a non-zero exit code. */
public class CommandFailedException extends BerthException {

    private final int exitCode;
    private final List<String> lastLines;

    public CommandFailedException(String name, int exitCode, List<String> lastLines) {
        super(name + " exited with code " + exitCode);
        this.exitCode = exitCode;
        this.lastLines = List.copyOf(lastLines);
    }

    public int exitCode() {
        return exitCode;
    }

    /** The last lines of the command's output, at most twenty. */
    public List<String> lastLines() {
        return lastLines;
    }
}
