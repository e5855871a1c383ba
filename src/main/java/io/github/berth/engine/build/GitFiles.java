package io.github.berth.engine.build;

import io.github.berth.engine.BerthException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Asks git which files of a work tree it tracks. */
final class GitFiles {

    private static final long TIMEOUT_SECONDS = 60;

    private GitFiles() {}

    /**
     * The files git tracks under {@code directory}, relative to it; empty when {@code directory} is not part of a git
     * work tree (or git is missing, or the tree ignores it), in which case every file counts.
     */
    static Optional<List<String>> tracked(Path directory) {
        if (!git(directory, "rev-parse", "--is-inside-work-tree")
                        .orElse("")
                        .strip()
                        .equals("true")
                || git(directory, "check-ignore", "-q", ".").isPresent()) {
            return Optional.empty();
        }
        String listing = git(directory, "ls-files", "-z", "--", ".")
                .orElseThrow(() -> new BerthException("git ls-files failed in " + directory
                        + "; check that the work tree is healthy with 'git status'"));
        List<String> files = new ArrayList<>();
        for (String name : listing.split("\0")) {
            if (!name.isEmpty()) {
                files.add(name);
            }
        }
        return Optional.of(List.copyOf(files));
    }

    /** The output of a git command that succeeded, or empty. */
    private static Optional<String> git(Path directory, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(output) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException("Interrupted while asking git for the files of " + directory, e);
        }
    }
}
