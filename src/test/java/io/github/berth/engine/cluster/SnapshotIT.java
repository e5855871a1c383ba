package io.github.berth.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.Labels;
import io.github.berth.engine.build.Rebuild;
import io.github.berth.engine.docker.DockerContainers;
import io.github.berth.engine.docker.DockerEngine;
import io.github.berth.engine.docker.DockerImages;
import io.github.berth.engine.docker.TestDocker;
import io.github.berth.engine.prune.ImagePruner;
import io.github.berth.engine.prune.PruneRequest;
import io.github.berth.testing.RecordingReporter;
import io.github.berth.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Services started from snapshots on the real Docker engine. */
class SnapshotIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Slow the first time, fast once its state is in the image. */
    private static final String SLOW_FIRST_START = "if [ -f /state/ready ]; then echo warm; else echo initialising;"
            + " sleep 3; mkdir -p /state; echo $GREETING > /state/ready; fi; echo 'db is ready'; sleep 300";

    private static DockerEngine engine;
    private static String image;

    @TempDir
    Path stateDirectory;

    @TempDir
    Path docker;

    private ClusterIdentity identity;
    private String service;
    private final RecordingReporter reporter = new RecordingReporter();

    @BeforeAll
    static void buildImage() {
        engine = TestDocker.connect();
        image = TestDocker.busyboxImage(engine, Map.of());
    }

    @AfterAll
    static void removeImage() {
        TestDocker.removeImage(engine, image);
        engine.close();
    }

    @BeforeEach
    void uniqueProject() {
        String unique = TestDocker.unique();
        identity = new ClusterIdentity("it:snapshot-" + unique, "snap", stateDirectory.toString());
        service = "db-" + unique;
    }

    @AfterEach
    void removeWhatIsLeft() {
        TestDocker.removeLabelled(engine, identity.labels());
        TestDocker.removeImagesLabelled(engine, Map.of(Labels.PROJECT, identity.project()));
    }

    @Test
    void snapshotIsMadeOnceThenReusedAndTheSecondClusterStartsFaster() {
        long first = System.nanoTime();
        ClusterState cold = start(db("hello"), Rebuild.none());
        first = System.nanoTime() - first;
        String snapshot = snapshotId();
        stop(cold);
        reporter.clear();

        long second = System.nanoTime();
        ClusterState warm = start(db("hello"), Rebuild.none());
        second = System.nanoTime() - second;

        System.out.printf(
                "Cluster with a snapshot service: first start %.1f s (snapshot made), second %.1f s (from it)%n",
                first / 1e9, second / 1e9);
        assertThat(reporter.milestones()).noneMatch(line -> line.startsWith("Snapshot "));
        assertThat(imageOf(warm)).isEqualTo(snapshot);
        assertThat(TestDocker.outputOf(engine, containerOf(warm)))
                .contains("warm")
                .doesNotContain("initialising");
        assertThat(new DockerImages(engine).labelsOf(snapshot).orElseThrow())
                .containsEntry(Labels.OWNER, Labels.OWNER_VALUE)
                .containsEntry(Labels.PROJECT, identity.project())
                .containsEntry(Labels.BUILDER, snapshotName())
                .containsEntry(Labels.SNAPSHOT, service)
                .containsKey(Labels.KEY);
    }

    @Test
    void firstStartMakesTheSnapshotAndRunsTheServiceFromIt() {
        ClusterState state = start(db("hello"), Rebuild.none());

        assertThat(reporter.milestones())
                .anyMatch(line -> line.matches("Snapshot " + snapshotName() + " made \\(\\w{12}\\) in .* s"));
        assertThat(imageOf(state)).isEqualTo(snapshotId());
        assertThat(TestDocker.outputOf(engine, containerOf(state))).contains("warm");
        assertThat(new DockerContainers(engine).list(identity.labels()))
                .extracting(container -> container.name())
                .noneMatch(name -> name.endsWith("-snapshot"));
    }

    @Test
    void snapshotCarriesItsProjectAndServiceButNoLabelOfTheClusterOrItsContainer() {
        ServiceSpec labelled = Service.of(service, image)
                .command(Clusters.shell(SLOW_FIRST_START))
                .readiness(new ReadinessCheck.Log("db is ready", TIMEOUT))
                .label("com.example.team", "storage")
                .snapshot()
                .build();

        stop(start(labelled, Rebuild.none()));

        Map<String, String> labels =
                new DockerImages(engine).labelsOf(snapshotId()).orElseThrow();
        assertThat(labels)
                .containsEntry(Labels.OWNER, Labels.OWNER_VALUE)
                .containsEntry(Labels.PROJECT, identity.project())
                .containsEntry(Labels.BUILDER, snapshotName())
                .containsEntry(Labels.SNAPSHOT, service);
        // The engine keeps a committed container's labels unless the commit sets them; Berth sets them empty.
        assertThat(labels.entrySet())
                .filteredOn(label -> List.of(
                                Labels.CLUSTER,
                                Labels.DIRECTORY,
                                Labels.RUN,
                                Labels.SERVICE,
                                Labels.RANK,
                                Labels.HOLDER,
                                "com.example.team",
                                "io.github.berth.test.image")
                        .contains(label.getKey()))
                .allMatch(label -> label.getValue().isEmpty());
        assertThat(new DockerImages(engine).findByLabels(Map.of(Labels.CLUSTER, "snap")))
                .extracting(found -> found.id())
                .doesNotContain(snapshotId());
    }

    @Test
    void projectsWithAServiceOfTheSameNameKeepTheirOwnSnapshots() {
        stop(start(db("hello"), Rebuild.none()));
        String own = snapshotId();
        ClusterIdentity mine = identity;
        identity = new ClusterIdentity(identity.project() + "-other", "other", stateDirectory.toString());
        try {
            stop(start("other", db("bonjour"), Rebuild.none()));
            String others = new DockerImages(engine)
                    .idOf("other-" + service + "-snapshot:latest")
                    .orElseThrow();
            identity = mine;

            new ImagePruner(engine, reporter, Clock.systemUTC())
                    .prune(new PruneRequest(identity.project(), 0, Duration.ZERO, ""));

            assertThat(others).isNotEqualTo(own);
            assertThat(snapshotId()).isEqualTo(own);
        } finally {
            TestDocker.removeImagesLabelled(engine, Map.of(Labels.PROJECT, mine.project() + "-other"));
            identity = mine;
        }
    }

    @Test
    void pruneRemovesAnOldSnapshotAndKeepsTheCurrentOne() {
        stop(start(db("hello"), Rebuild.none()));
        String old = snapshotId();
        stop(start(db("bonjour"), Rebuild.none()));
        String current = snapshotId();

        assertPruneKeeps(0, current, old);
    }

    @Test
    void changedEnvMakesANewSnapshot() {
        stop(start(db("hello"), Rebuild.none()));
        String before = snapshotId();
        reporter.clear();

        stop(start(db("bonjour"), Rebuild.none()));

        assertThat(reporter.milestones()).anyMatch(line -> line.startsWith("Snapshot " + snapshotName() + " made"));
        assertThat(snapshotId()).isNotEqualTo(before);
    }

    @Test
    void clobberFileForcesOneNewSnapshotThenNone() throws IOException {
        stop(start(db("hello"), Rebuild.none()));
        String before = snapshotId();
        Path clobber = Files.writeString(docker.resolve("clobber." + service + "-snapshot"), "");
        // Set precisely: the file system's own clock is coarser than the one Berth records the making with.
        Files.setLastModifiedTime(clobber, FileTime.from(Instant.now()));

        stop(start(db("hello"), Rebuild.none()));
        String forced = snapshotId();
        reporter.clear();
        stop(start(db("hello"), Rebuild.none()));

        assertThat(forced).isNotEqualTo(before);
        assertThat(snapshotId()).isEqualTo(forced);
        assertThat(reporter.milestones()).noneMatch(line -> line.startsWith("Snapshot "));
    }

    @Test
    void clobberFileForcesANewSnapshotInEachClusterOfTheProject() throws IOException {
        ClusterIdentity first = identity;
        ClusterIdentity second = new ClusterIdentity(identity.project(), "other", stateDirectory.toString());
        try {
            stop(start(db("hello"), Rebuild.none()));
            identity = second;
            stop(start("other", db("hello"), Rebuild.none()));
            String before = new DockerImages(engine)
                    .idOf("other-" + service + "-snapshot:latest")
                    .orElseThrow();
            Path clobber = Files.writeString(docker.resolve("clobber." + service + "-snapshot"), "");
            Files.setLastModifiedTime(clobber, FileTime.from(Instant.now()));

            identity = first;
            stop(start(db("hello"), Rebuild.none()));
            identity = second;
            stop(start("other", db("hello"), Rebuild.none()));

            assertThat(new DockerImages(engine).idOf("other-" + service + "-snapshot:latest"))
                    .isPresent()
                    .get()
                    .isNotEqualTo(before);
        } finally {
            TestDocker.removeLabelled(engine, second.labels());
            identity = first;
        }
    }

    @Test
    void pruneRemovesASnapshotStillNamedAfterItsServiceAlone() {
        // As Berth named and committed snapshots before they were named after their cluster: the engine kept the
        // labels of the cluster's container.
        Map<String, String> former = Map.of(
                Labels.OWNER,
                Labels.OWNER_VALUE,
                Labels.PROJECT,
                identity.project(),
                Labels.BUILDER,
                service + "-snapshot",
                Labels.KEY,
                "0123456789abcdef0123456789abcdef",
                Labels.CLUSTER,
                "snap",
                Labels.SERVICE,
                service,
                Labels.RUN,
                "r1");
        String formerTag = TestDocker.busyboxImage(engine, former);
        String formerId = new DockerImages(engine).idOf(formerTag).orElseThrow();
        TestImages.docker(null, "tag", formerTag, service + "-snapshot:latest");
        TestImages.docker(null, "tag", formerTag, service + "-snapshot:0123456789ab");
        TestImages.docker(null, "rmi", formerTag);
        stop(start(db("hello"), Rebuild.none()));
        String current = snapshotId();

        assertPruneKeeps(1, current, formerId);
    }

    /** Prunes the project's images keeping {@code keep} of each, and checks that {@code kept} stays and {@code gone} goes. */
    private void assertPruneKeeps(int keep, String kept, String gone) {
        new ImagePruner(engine, reporter, Clock.systemUTC())
                .prune(new PruneRequest(identity.project(), keep, Duration.ZERO, ""));

        assertThat(new DockerImages(engine).findByLabels(Map.of(Labels.PROJECT, identity.project())))
                .extracting(found -> found.id())
                .contains(kept)
                .doesNotContain(gone);
    }

    @Test
    void aSnapshotIsForcedAgainByTheNameOfItsImageToo() throws IOException {
        stop(start(db("hello"), Rebuild.none()));
        String before = snapshotId();
        stop(start(db("hello"), Rebuild.parse(snapshotName())));
        String rebuilt = snapshotId();
        Path clobber = Files.writeString(docker.resolve("clobber." + snapshotName()), "");
        Files.setLastModifiedTime(clobber, FileTime.from(Instant.now()));

        stop(start(db("hello"), Rebuild.none()));

        assertThat(rebuilt).isNotEqualTo(before);
        assertThat(snapshotId()).isNotIn(before, rebuilt);
    }

    @Test
    void rebuildSettingForcesANewSnapshot() {
        stop(start(db("hello"), Rebuild.none()));
        String before = snapshotId();

        stop(start(db("hello"), Rebuild.parse(service)));

        assertThat(snapshotId()).isNotEqualTo(before);
    }

    @Test
    void serviceThatNeverBecomesReadyLeavesNoSnapshotAndNoContainer() {
        ServiceSpec never = Service.of(service, image)
                .command(Clusters.shell("echo never ready; sleep 300"))
                .readiness(new ReadinessCheck.Log("db is ready", Duration.ofSeconds(2)))
                .snapshot()
                .build();

        assertThatThrownBy(() -> start(never, Rebuild.none()))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining(service)
                .hasMessageContaining("timed out");
        assertThat(new DockerImages(engine).findByLabels(Map.of(Labels.PROJECT, identity.project())))
                .isEmpty();
        assertThat(TestDocker.objectsLabelled(engine, identity.labels())).isEmpty();
    }

    @Test
    void snapshotOfAServiceThatWaitsForItsExitIsRefused() {
        assertThatThrownBy(() -> Service.of(service, image)
                        .readiness(new ReadinessCheck.Exit(0, TIMEOUT))
                        .snapshot()
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Service '" + service + "' asks for a <snapshot> but waits for its exit");
    }

    private ServiceSpec db(String greeting) {
        return Service.of(service, image)
                .env("GREETING", greeting)
                .command(Clusters.shell(SLOW_FIRST_START))
                .readiness(new ReadinessCheck.Log("db is ready", TIMEOUT))
                .snapshot()
                .build();
    }

    private ClusterState start(ServiceSpec db, Rebuild remake) {
        return start("snap", db, remake);
    }

    private ClusterState start(String name, ServiceSpec db, Rebuild remake) {
        ClusterSpec cluster = new ClusterSpec(name, List.of(db), Duration.ofSeconds(60));
        return new ClusterStarter(engine, reporter)
                .start(new StartRequest(cluster, identity, stateDirectory, false, remake, docker, PullPolicy.MISSING));
    }

    private void stop(ClusterState state) {
        new ClusterStopper(engine, reporter).stop(identity, stateDirectory, Duration.ofSeconds(5));
    }

    private String snapshotId() {
        return new DockerImages(engine).idOf(snapshotName() + ":latest").orElseThrow();
    }

    private String snapshotName() {
        return "snap-" + service + "-snapshot";
    }

    private String containerOf(ClusterState state) {
        return state.services().get(0).containerId();
    }

    private static String imageOf(ClusterState state) {
        return TestImages.docker(
                        null,
                        "inspect",
                        "-f",
                        "{{.Image}}",
                        state.services().get(0).containerId())
                .strip();
    }
}
