package io.github.berth.engine.coverage;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.Reporter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.jacoco.core.data.ExecutionDataStore;
import org.jacoco.core.data.ExecutionDataWriter;
import org.jacoco.core.data.SessionInfoStore;
import org.jacoco.core.tools.ExecFileLoader;

/** Merges JaCoCo execution data files into one, the way {@code jacoco:merge} does. */
final class ExecMerger {

    private ExecMerger() {}

    /** The merged file, how many inputs went into it and how many classes it covers. */
    record MergedExec(Path output, int files, int classes) {}

    /**
     * Merges {@code inputs} into {@code output}, replacing it. An input that JaCoCo cannot read (cut short when its
     * JVM was killed, or no execution data at all) is left out with a warning. When none can be read, no output is
     * left behind.
     */
    static MergedExec merge(List<Path> inputs, Path output, Reporter reporter) {
        ExecutionDataStore executions = new ExecutionDataStore();
        SessionInfoStore sessions = new SessionInfoStore();
        int merged = 0;
        for (Path input : inputs) {
            try (InputStream in = Files.newInputStream(input, LinkOption.NOFOLLOW_LINKS)) {
                ExecFileLoader one = new ExecFileLoader();
                one.load(in);
                one.getExecutionDataStore().accept(executions);
                one.getSessionInfoStore().accept(sessions);
                merged++;
            } catch (IOException | IllegalStateException e) {
                reporter.warning("Left JaCoCo data " + input + " out of " + output + ": " + e.getMessage()
                        + "; the JVM that wrote it was probably killed before it finished (raise the stop timeout)");
            }
        }
        if (merged == 0) {
            Tree.deleteFile(output);
            return new MergedExec(output, 0, 0);
        }
        write(executions, sessions, output);
        return new MergedExec(output, merged, executions.getContents().size());
    }

    private static void write(ExecutionDataStore executions, SessionInfoStore sessions, Path output) {
        try {
            Path parent = output.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, output.getFileName().toString(), ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary))) {
                ExecutionDataWriter writer = new ExecutionDataWriter(out);
                sessions.accept(writer);
                executions.accept(writer);
            }
            Files.move(temporary, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BerthException("Cannot write the merged JaCoCo data " + output + ": " + e.getMessage(), e);
        }
    }
}
