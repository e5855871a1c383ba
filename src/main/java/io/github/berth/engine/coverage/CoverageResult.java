package io.github.berth.engine.coverage;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a collection brought home.
 *
 * @param collected the services whose coverage directory was copied
 * @param withoutDirectory the services whose container had no coverage directory
 * @param failed the services that could not be stopped or copied
 * @param files every file written, below the output directory
 * @param execFiles the JaCoCo execution data files among {@code files}
 * @param mergedExec the file holding the merged execution data; {@code null} when none could be read
 * @param mergedFiles how many of {@code execFiles} went into {@code mergedExec}; the others could not be read
 * @param classes how many classes the merged execution data covers
 */
public record CoverageResult(
        List<String> collected,
        List<String> withoutDirectory,
        List<String> failed,
        List<Path> files,
        List<Path> execFiles,
        Path mergedExec,
        int mergedFiles,
        int classes) {

    public CoverageResult {
        collected = List.copyOf(collected);
        withoutDirectory = List.copyOf(withoutDirectory);
        failed = List.copyOf(failed);
        files = List.copyOf(files);
        execFiles = List.copyOf(execFiles);
    }

    /** The merged execution data, when any service left some. */
    public Optional<Path> merged() {
        return Optional.ofNullable(mergedExec);
    }
}
