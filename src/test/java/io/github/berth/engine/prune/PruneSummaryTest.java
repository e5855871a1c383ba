package io.github.berth.engine.prune;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.berth.engine.docker.LocalImage;
import io.github.berth.engine.prune.PrunePlan.Decision;
import io.github.berth.engine.prune.PrunePlan.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one line a prune ends with. */
class PruneSummaryTest {

    private static final PruneRequest REQUEST = new PruneRequest("com.example:shop", 1, Duration.ofDays(7), "");

    @Test
    void countsWhatWasRemovedBesideWhatFailed() {
        PruneResult result = new PruneResult(
                List.of(
                        decision("a", Verdict.REMOVE),
                        decision("b", Verdict.REMOVE),
                        decision("c", Verdict.REMOVE_DANGLING),
                        decision("d", Verdict.UNTAG),
                        decision("e", Verdict.CURRENT),
                        decision("f", Verdict.TOO_YOUNG)),
                List.of("0123456789ab [shop:k1]: conflict", "ba9876543210 [shop:k2]: conflict"),
                12_300_000);

        assertThat(PruneSummary.of(result, REQUEST, 400_000_000))
                .isEqualTo("Pruned images of com.example:shop: removed 3 (1 dangling), untagged 1, kept 1 current,"
                        + " 1 younger than 168h, 2 failed; freed about 12.3 MB in 0.4 s");
    }

    private static Decision decision(String id, Verdict verdict) {
        LocalImage image = new LocalImage(id, List.of("shop:" + id), Map.of(), Instant.EPOCH, 0);
        return new Decision(image, verdict, List.of());
    }
}
