package io.github.berth.engine.coverage;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.Reporter;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.jacoco.core.data.ExecutionData;
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
                Optional<String> conflict = conflict(one.getExecutionDataStore(), executions);
                if (conflict.isPresent()) {
                    reporter.warning("Left JaCoCo data " + input + " out of " + output + ": " + conflict.get()
                            + "; the services ran different builds of the class, so collect from services that run"
                            + " the same build");
                    continue;
                }
                one.getExecutionDataStore().accept(executions);
                one.getSessionInfoStore().accept(sessions);
                merged++;
            } catch (IOException | IllegalStateException e) {
                reporter.warning("Left JaCoCo data " + input + " out of " + output + ": " + unreadable(e)
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

    /**
     * Why {@code added} cannot be merged into {@code merged}: a class of it with another name or another number of
     * probes than the class of the same id merged before. Checked first, as a merge stopped halfway would keep a part.
     */
    private static Optional<String> conflict(ExecutionDataStore added, ExecutionDataStore merged) {
        for (ExecutionData data : added.getContents()) {
            ExecutionData before = merged.get(data.getId());
            if (before == null) {
                continue;
            }
            if (!before.getName().equals(data.getName())) {
                return Optional.of("class " + data.getName() + " has the id of class " + before.getName()
                        + " in the data merged before it");
            }
            if (before.getProbes().length != data.getProbes().length) {
                return Optional.of("class " + data.getName() + " has " + data.getProbes().length + " probes there and "
                        + before.getProbes().length + " in the data merged before it");
            }
        }
        return Optional.empty();
    }

    private static String unreadable(Exception failure) {
        if (failure instanceof EOFException) {
            return "it ends early";
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    private static void write(ExecutionDataStore executions, SessionInfoStore sessions, Path output) {
        try {
            Path parent = output.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            // Not a temporary file of the JDK's, whose mode would be 0600: the merged file is read like any other.
            Path temporary = parent.resolve(
                    output.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
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
