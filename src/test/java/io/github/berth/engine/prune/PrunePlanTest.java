package io.github.berth.engine.prune;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.berth.engine.Labels;
import io.github.berth.engine.docker.LocalImage;
import io.github.berth.engine.prune.PrunePlan.Decision;
import io.github.berth.engine.prune.PrunePlan.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PrunePlanTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Instant ANY_AGE = NOW;

    @Test
    void keepsTheCurrentImageAndTheNewestAndRemovesTheRest() {
        LocalImage current = image("c", "api", 10, "api:latest", "api:k3");
        LocalImage newer = image("n", "api", 5, "api:k4");
        LocalImage old = image("o", "api", 30, "api:k2");

        Map<String, Verdict> verdicts =
                verdicts(PrunePlan.decide(List.of(current, newer, old), Set.of(), 1, ANY_AGE, ""));

        assertThat(verdicts)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("c", Verdict.CURRENT, "n", Verdict.NEWEST, "o", Verdict.REMOVE));
    }

    @Test
    void keepsAsManyNewestAsAsked() {
        List<LocalImage> images = List.of(
                image("a", "api", 1, "api:latest"), image("b", "api", 2, "api:k2"), image("c", "api", 3, "api:k3"));

        Map<String, Verdict> verdicts = verdicts(PrunePlan.decide(images, Set.of(), 2, ANY_AGE, ""));

        assertThat(verdicts).containsEntry("b", Verdict.NEWEST).containsEntry("c", Verdict.REMOVE);
    }

    @Test
    void keepsOnlyTheCurrentWhenNoneOfTheNewestAreKept() {
        List<LocalImage> images = List.of(image("a", "api", 1, "api:latest"), image("b", "api", 2, "api:k2"));

        Map<String, Verdict> verdicts = verdicts(PrunePlan.decide(images, Set.of(), 0, ANY_AGE, ""));

        assertThat(verdicts).containsEntry("a", Verdict.CURRENT).containsEntry("b", Verdict.REMOVE);
    }

    @Test
    void keepsImagesThatContainersUse() {
        List<LocalImage> images = List.of(image("a", "api", 1, "api:latest"), image("b", "api", 2, "api:k2"));

        Map<String, Verdict> verdicts = verdicts(PrunePlan.decide(images, Set.of("b"), 1, ANY_AGE, ""));

        assertThat(verdicts).containsEntry("b", Verdict.IN_USE);
    }

    @Test
    void keepsImagesYoungerThanTheCutoff() {
        List<LocalImage> images = List.of(image("a", "api", 1, "api:latest"), image("b", "api", 30, "api:k2"));

        Map<String, Verdict> verdicts = verdicts(PrunePlan.decide(images, Set.of(), 1, NOW.minusSeconds(3600), ""));

        assertThat(verdicts).containsEntry("b", Verdict.TOO_YOUNG);
    }

    @Test
    void removesOnlyBerthsTagsOfAnImageTaggedElsewhereToo() {
        LocalImage shared = image("s", "api", 5, "api:k1", "registry.example:5000/api:1.0");
        List<LocalImage> images = List.of(image("a", "api", 1, "api:latest"), shared);

        List<Decision> decisions = PrunePlan.decide(images, Set.of(), 1, ANY_AGE, "");

        assertThat(decisions)
                .filteredOn(decision -> decision.image().equals(shared))
                .singleElement()
                .satisfies(decision -> {
                    assertThat(decision.verdict()).isEqualTo(Verdict.UNTAG);
                    assertThat(decision.references()).containsExactly("api:k1");
                });
    }

    @Test
    void removesDanglingImagesByIdUnlessInUse() {
        LocalImage dangling = image("d", "api", 50);
        LocalImage usedDangling = image("u", "api", 60);

        List<Decision> decisions = PrunePlan.decide(
                List.of(dangling, usedDangling, image("a", "api", 1, "api:latest")), Set.of("u"), 1, ANY_AGE, "");

        assertThat(verdicts(decisions))
                .containsEntry("d", Verdict.REMOVE_DANGLING)
                .containsEntry("u", Verdict.IN_USE);
        assertThat(decisions.stream()
                        .filter(decision -> decision.image().equals(dangling))
                        .findFirst()
                        .orElseThrow()
                        .references())
                .containsExactly("d");
    }

    @Test
    void ranksEachBuilderOnItsOwn() {
        List<LocalImage> images = List.of(
                image("a1", "api", 1, "api:latest"),
                image("a2", "api", 2, "api:k2"),
                image("w1", "worker", 3, "worker:latest"),
                image("w2", "worker", 4, "worker:k2"));

        Map<String, Verdict> verdicts = verdicts(PrunePlan.decide(images, Set.of(), 1, ANY_AGE, ""));

        assertThat(verdicts).containsEntry("a2", Verdict.REMOVE).containsEntry("w2", Verdict.REMOVE);
    }

    @Test
    void knowsBerthsTagsByTheImagePrefixAndTheBuildersName() {
        List<LocalImage> images = List.of(
                image("a", "api", 1, "registry.example/team-api:latest"),
                image("b", "api", 2, "registry.example/team-api:k2"),
                image("c", "api", 3, "api:k3"));

        List<Decision> decisions = PrunePlan.decide(images, Set.of(), 0, ANY_AGE, "registry.example/team-");

        assertThat(verdicts(decisions))
                .containsEntry("a", Verdict.CURRENT)
                .containsEntry("b", Verdict.REMOVE)
                .doesNotContainKey("c");
    }

    @Test
    void leavesImagesNoLongerTaggedByBerthAlone() {
        List<LocalImage> images =
                List.of(image("a", "api", 1, "api:latest"), image("r", "api", 9, "registry.example/app:2"));

        List<Decision> decisions = PrunePlan.decide(images, Set.of(), 0, ANY_AGE, "");

        assertThat(verdicts(decisions)).doesNotContainKey("r");
    }

    @Test
    void prunesSnapshotsWhichAreNamedWithoutThePrefix() {
        LocalImage current = keyed(
                "c", "shop-db-snapshot", 1, "a".repeat(64), "shop-db-snapshot:latest", "shop-db-snapshot:aaaaaaaaaaaa");
        LocalImage old = keyed("o", "shop-db-snapshot", 9, "b".repeat(64), "shop-db-snapshot:bbbbbbbbbbbb");

        Map<String, Verdict> verdicts =
                verdicts(PrunePlan.decide(List.of(current, old), Set.of(), 0, ANY_AGE, "registry.example.com/team/"));

        assertThat(verdicts).containsExactlyInAnyOrderEntriesOf(Map.of("c", Verdict.CURRENT, "o", Verdict.REMOVE));
    }

    @Test
    void removesASnapshotStillNamedAfterItsServiceAloneUnlessInUse() {
        LocalImage former = snapshot("f", "db-snapshot", "shop", "db-snapshot:latest", "db-snapshot:aaaaaaaaaaaa");
        LocalImage used = snapshot("u", "web-snapshot", "shop", "web-snapshot:latest");
        LocalImage current = snapshot("c", "shop-db-snapshot", "", "shop-db-snapshot:latest");

        Map<String, Verdict> verdicts =
                verdicts(PrunePlan.decide(List.of(former, used, current), Set.of("u"), 1, ANY_AGE, ""));

        assertThat(verdicts)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("f", Verdict.REMOVE, "u", Verdict.IN_USE, "c", Verdict.CURRENT));
    }

    @Test
    void findsTheRepositoryByTheKeyTagWhenNoImageIsNamedWithThePrefix() {
        LocalImage current = keyed("c", "api", 1, "a".repeat(64), "old-api:latest", "old-api:aaaaaaaaaaaa");
        LocalImage old = keyed("o", "api", 9, "b".repeat(64), "old-api:bbbbbbbbbbbb", "keep/api:1.0");

        List<Decision> decisions = PrunePlan.decide(List.of(current, old), Set.of(), 0, ANY_AGE, "new-");

        assertThat(verdicts(decisions))
                .containsExactlyInAnyOrderEntriesOf(Map.of("c", Verdict.CURRENT, "o", Verdict.UNTAG));
        assertThat(decisions)
                .anySatisfy(decision -> assertThat(decision.references()).containsExactly("old-api:bbbbbbbbbbbb"));
    }

    /** An image of {@code builder} with content key {@code key}, built {@code minutesAgo} minutes before now. */
    private static LocalImage keyed(String id, String builder, int minutesAgo, String key, String... tags) {
        return new LocalImage(
                id,
                List.of(tags),
                Map.of(Labels.OWNER, Labels.OWNER_VALUE, Labels.BUILDER, builder, Labels.KEY, key),
                NOW.minusSeconds(60L * minutesAgo),
                1000);
    }

    /**
     * A snapshot made now, committed from a container of {@code cluster}: one still named after its service alone kept
     * that label, one named after its cluster has it empty.
     */
    private static LocalImage snapshot(String id, String builder, String cluster, String... tags) {
        return new LocalImage(
                id,
                List.of(tags),
                Map.of(
                        Labels.OWNER,
                        Labels.OWNER_VALUE,
                        Labels.BUILDER,
                        builder,
                        Labels.KEY,
                        "a".repeat(64),
                        Labels.CLUSTER,
                        cluster),
                NOW,
                1000);
    }

    /** An image of {@code builder} built {@code minutesAgo} minutes before now. */
    private static LocalImage image(String id, String builder, int minutesAgo, String... tags) {
        return new LocalImage(
                id,
                List.of(tags),
                Map.of(Labels.OWNER, Labels.OWNER_VALUE, Labels.BUILDER, builder),
                NOW.minusSeconds(60L * minutesAgo),
                1000);
    }

    private static Map<String, Verdict> verdicts(List<Decision> decisions) {
        return decisions.stream()
                .collect(Collectors.toMap(decision -> decision.image().id(), Decision::verdict));
    }
}
