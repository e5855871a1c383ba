package io.github.berth.engine.prune;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.Reporter;
import io.github.berth.engine.docker.DockerEngine;
import io.github.berth.engine.docker.DockerImageInventory;
import io.github.berth.engine.docker.ImageNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Removes the images Berth built for a project that nothing needs any more. Only images carrying Berth's labels for the
 * project are looked at; an image that also carries a tag of someone else loses only Berth's tags.
 */
public final class ImagePruner {

    private final DockerImageInventory inventory;
    private final Reporter reporter;
    private final Clock clock;

    public ImagePruner(DockerEngine engine, Reporter reporter, Clock clock) {
        this.inventory = new DockerImageInventory(engine);
        this.reporter = Objects.requireNonNull(reporter, "reporter");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Prunes as {@code request} says. Failures to remove one image are reported as warnings, counted in the result and
     * do not stop the others; an image or tag already gone counts as removed.
     */
    public PruneResult prune(PruneRequest request) {
        Objects.requireNonNull(request, "request");
        long start = System.nanoTime();
        Instant cutoff = clock.instant().minus(request.olderThan());
        List<PrunePlan.Decision> decisions = PrunePlan.decide(
                inventory.projectImages(request.project()),
                inventory.imagesInUse(),
                request.keep(),
                cutoff,
                request.imagePrefix());

        List<ImageNode> before = inventory.allImages();
        List<PrunePlan.Decision> applied = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (PrunePlan.Decision decision : decisions) {
            try {
                decision.references().forEach(inventory::remove);
                PrunePlan.Decision done = decision;
                if (decision.verdict() == PrunePlan.Verdict.REMOVE
                        && inventory.exists(decision.image().id())) {
                    // The engine only takes the tags off an image that other images are built on.
                    done = new PrunePlan.Decision(decision.image(), PrunePlan.Verdict.UNTAG, decision.references());
                    reporter.detail("Untagged " + decision.references() + " of image "
                            + decision.image().shortId() + ": images built on it keep it");
                } else {
                    reporter.detail(describe(decision));
                }
                if (done.verdict() == PrunePlan.Verdict.REMOVE || done.verdict() == PrunePlan.Verdict.REMOVE_DANGLING) {
                    removed.add(decision.image().id());
                }
                applied.add(done);
            } catch (BerthException e) {
                String failure =
                        decision.image().shortId() + " " + decision.image().tags() + ": " + e.getMessage();
                reporter.warning("Cannot prune image " + failure);
                failures.add(failure);
            }
        }
        PruneResult result = new PruneResult(applied, failures, FreedSpace.estimate(removed, before));
        reporter.milestone(PruneSummary.of(result, request, System.nanoTime() - start));
        return result;
    }

    private static String describe(PrunePlan.Decision decision) {
        String image =
                "image " + decision.image().shortId() + " " + decision.image().tags();
        return switch (decision.verdict()) {
            case CURRENT -> "Kept " + image + ": current image of its builder";
            case NEWEST -> "Kept " + image + ": among the newest of its builder";
            case IN_USE -> "Kept " + image + ": a container uses it";
            case TOO_YOUNG -> "Kept " + image + ": younger than the age limit";
            case UNTAG -> "Untagged " + decision.references() + " of " + image + ": other tags keep it";
            case REMOVE, REMOVE_DANGLING -> "Removed " + image;
        };
    }
}
