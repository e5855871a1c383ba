package io.github.berth.engine.prune;

import io.github.berth.engine.prune.PrunePlan.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one line that tells what a prune did. */
final class PruneSummary {

    private PruneSummary() {}

    static String of(PruneResult result, PruneRequest request, long nanos) {
        long removed = result.count(Verdict.REMOVE) + result.count(Verdict.REMOVE_DANGLING);
        List<String> kept = new ArrayList<>();
        add(kept, result.count(Verdict.CURRENT), "current");
        add(kept, result.count(Verdict.NEWEST), "newest");
        add(kept, result.count(Verdict.IN_USE), "in use");
        add(
                kept,
                result.count(Verdict.TOO_YOUNG),
                "younger than " + request.olderThan().toString().substring(2).toLowerCase(Locale.ROOT));
        StringBuilder line = new StringBuilder("Pruned images of ")
                .append(request.project())
                .append(": removed ")
                .append(removed)
                .append(" (")
                .append(result.count(Verdict.REMOVE_DANGLING))
                .append(" dangling), untagged ")
                .append(result.count(Verdict.UNTAG))
                .append(", kept ")
                .append(kept.isEmpty() ? "0" : String.join(", ", kept));
        if (!result.failures().isEmpty()) {
            line.append(", ").append(result.failures().size()).append(" failed");
        }
        return line.append(String.format(
                        Locale.ROOT, "; freed about %.1f MB in %.1f s", result.bytesFreed() / 1e6, nanos / 1e9))
                .toString();
    }

    private static void add(List<String> parts, long count, String reason) {
        if (count > 0) {
            parts.add(count + " " + reason);
        }
    }
}
