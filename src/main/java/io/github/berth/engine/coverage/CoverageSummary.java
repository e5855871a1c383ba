package io.github.berth.engine.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one line that tells what a collection of coverage brought home. */
final class CoverageSummary {

    private CoverageSummary() {}

    static String of(CoverageResult result, CoverageRequest request, long nanos) {
        int services = result.collected().size()
                + result.withoutDirectory().size()
                + result.failed().size();
        StringBuilder line = new StringBuilder("Collected coverage of ")
                .append(result.collected().size())
                .append(" of ")
                .append(services)
                .append(services == 1 ? " service" : " services")
                .append(" (")
                .append(result.files().size())
                .append(result.files().size() == 1 ? " file" : " files")
                .append(") into ")
                .append(request.outputDirectory());
        int leftOut = result.execFiles().size() - result.mergedFiles();
        if (result.merged().isPresent()) {
            line.append("; merged ")
                    .append(result.mergedFiles())
                    .append(" JaCoCo data ")
                    .append(result.mergedFiles() == 1 ? "file" : "files")
                    .append(" into ")
                    .append(result.mergedExec())
                    .append(" (")
                    .append(result.classes())
                    .append(" classes)");
            if (leftOut > 0) {
                line.append(", left ").append(leftOut).append(" unreadable out");
            }
        } else if (leftOut > 0) {
            line.append("; merged no JaCoCo data: ")
                    .append(leftOut == 1 ? "the only file found is" : "all " + leftOut + " files found are")
                    .append(" unreadable");
        } else {
            line.append("; no JaCoCo data found");
        }
        List<String> problems = new ArrayList<>();
        if (!result.withoutDirectory().isEmpty()) {
            problems.add(result.withoutDirectory().size() + " without coverage directory");
        }
        if (!result.failed().isEmpty()) {
            problems.add(result.failed().size() + " failed: " + String.join(", ", result.failed()));
        }
        if (!problems.isEmpty()) {
            line.append("; ").append(String.join(", ", problems));
        }
        return line.append(String.format(Locale.ROOT, " in %.1f s", nanos / 1e9))
                .toString();
    }
}
