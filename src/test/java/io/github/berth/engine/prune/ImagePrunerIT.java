package io.github.berth.engine.prune;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.berth.engine.CollectingReporter;
import io.github.berth.engine.Labels;
import io.github.berth.engine.docker.TrackedDocker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePrunerIT {

    @TempDir
    Path directory;

    private final CollectingReporter reporter = new CollectingReporter();
    private final String project = TrackedDocker.unique("it:prune");
    private final String prefix = TrackedDocker.unique("berth-it") + "-";
    private final String api = prefix + "api";
    private TrackedDocker docker;
    private int builds;

    @BeforeEach
    void connect() {
        docker = new TrackedDocker();
    }

    @AfterEach
    void removeWhatTheTestMade() {
        docker.close();
    }

    @Test
    void removesOldImagesAndKeepsTheCurrentTheNewestThoseInUseAndOthers() throws Exception {
        String replaced = build(api + ":k0", labels(project, "api"));
        String old = build(api + ":k0", labels(project, "api"));
        String shared = build(api + ":k1", labels(project, "api"));
        docker.tag(shared, TrackedDocker.unique("berth-it-release") + ":1.0");
        String used = build(api + ":k2", labels(project, "api"));
        docker.container(used, Map.of(), false, "/f");
        String newest = build(api + ":k3", labels(project, "api"));
        String current = build(api + ":k4", labels(project, "api"));
        docker.tag(current, api + ":latest");
        String foreign = build(api + ":foreign", labels(TrackedDocker.unique("it:other"), "api"));
        String unlabelled = build(TrackedDocker.unique("berth-it-plain") + ":1", Map.of());

        PruneResult result = pruner().prune(new PruneRequest(project, 2, Duration.ZERO, prefix));

        assertThat(docker.imageExists(replaced)).as("dangling image").isFalse();
        assertThat(docker.imageExists(old)).as("old image").isFalse();
        assertThat(docker.tagsOf(shared)).as("image tagged elsewhere too").noneMatch(tag -> tag.startsWith(api + ":"));
        assertThat(docker.imageExists(shared)).as("image tagged elsewhere too").isTrue();
        assertThat(docker.imageExists(used)).as("image in use").isTrue();
        assertThat(docker.imageExists(newest)).as("newest image").isTrue();
        assertThat(docker.imageExists(current)).as("current image").isTrue();
        assertThat(docker.imageExists(foreign)).as("image of another project").isTrue();
        assertThat(docker.imageExists(unlabelled))
                .as("image without Berth's labels")
                .isTrue();
        assertThat(result.failures()).isEmpty();
        assertThat(reporter.milestones)
                .singleElement()
                .asString()
                .startsWith("Pruned images of " + project + ": removed 2 (1 dangling), untagged 1, kept 1 current,"
                        + " 1 newest, 1 in use; freed about 0.0 MB in ");
    }

    @Test
    void keepsImagesYoungerThanTheAgeLimit() throws Exception {
        build(api + ":latest", labels(project, "api"));
        String young = build(api + ":k1", labels(project, "api"));

        pruner().prune(new PruneRequest(project, 0, Duration.ofHours(1), prefix));

        assertThat(docker.imageExists(young)).isTrue();
    }

    @Test
    void aSecondPruneFindsNothingLeftToDo() throws Exception {
        build(api + ":k1", labels(project, "api"));
        build(api + ":latest", labels(project, "api"));
        pruner().prune(new PruneRequest(project, 1, Duration.ZERO, prefix));

        PruneResult again = pruner().prune(new PruneRequest(project, 1, Duration.ZERO, prefix));

        assertThat(again.count(PrunePlan.Verdict.REMOVE)).isZero();
        assertThat(again.count(PrunePlan.Verdict.CURRENT)).isEqualTo(1);
        assertThat(again.bytesFreed()).isZero();
    }

    @Test
    void anImageAnotherIsBuiltOnLosesItsTagsAndCountsAsUntaggedNotRemoved() throws Exception {
        String old = build(api + ":k1", labels(project, "api"));
        build(api + ":latest", labels(project, "api"));
        Path child = Files.createDirectories(directory.resolve("child"));
        Files.writeString(child.resolve("Dockerfile"), "FROM " + api + ":k1\nCOPY Dockerfile /child\n");
        docker.build(
                child, TrackedDocker.unique("berth-it-child") + ":1", labels(TrackedDocker.unique("it:other"), "x"));

        PruneResult result = pruner().prune(new PruneRequest(project, 0, Duration.ZERO, prefix));

        if (docker.engine().isPodman()) {
            // Podman's child images share the parent's layers, not the image: the image itself goes.
            assertThat(docker.imageExists(old)).isFalse();
            assertThat(result.count(PrunePlan.Verdict.REMOVE)).isEqualTo(1);
            assertThat(result.count(PrunePlan.Verdict.UNTAG)).isZero();
            return;
        }
        assertThat(docker.imageExists(old)).isTrue();
        assertThat(docker.tagsOf(old)).isEmpty();
        assertThat(result.count(PrunePlan.Verdict.REMOVE)).isZero();
        assertThat(reporter.milestones)
                .singleElement()
                .asString()
                .startsWith("Pruned images of " + project + ": removed 0 (0 dangling), untagged 1, kept 1 current;"
                        + " freed about 0.0 MB in ");
    }

    private ImagePruner pruner() {
        return new ImagePruner(docker.engine(), reporter, Clock.systemUTC());
    }

    /**
     * Builds a tiny image of its own content, a second after the one before, so that the engine's creation times (in
     * whole seconds) order them.
     */
    private String build(String tag, Map<String, String> labels) throws IOException, InterruptedException {
        Thread.sleep(builds == 0 ? 0 : 1100);
        Path context = Files.createDirectories(directory.resolve("image" + builds));
        Files.writeString(context.resolve("f"), tag + " " + builds);
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY f /f\n");
        builds++;
        return docker.build(context, tag, labels);
    }

    private static Map<String, String> labels(String project, String builder) {
        return Map.of(
                Labels.OWNER,
                Labels.OWNER_VALUE,
                Labels.PROJECT,
                project,
                Labels.BUILDER,
                builder,
                Labels.KEY,
                "key-" + builder);
    }
}
