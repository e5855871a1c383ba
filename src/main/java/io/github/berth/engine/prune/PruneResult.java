package io.github.berth.engine.prune;

import java.util.List;

/**
 * What a prune did.
 *
 * @param decisions every image considered and its fate, those whose removal failed left out
 * @param failures the images whose removal failed, each with the engine's reason
 * @param bytesFreed about how many bytes the removed images took that no image left shares
 */
public record PruneResult(List<PrunePlan.Decision> decisions, List<String> failures, long bytesFreed) {

    public PruneResult {
        decisions = List.copyOf(decisions);
        failures = List.copyOf(failures);
    }

    /** How many images ended with {@code verdict}. */
    public long count(PrunePlan.Verdict verdict) {
        return decisions.stream()
                .filter(decision -> decision.verdict() == verdict)
                .count();
    }
}
