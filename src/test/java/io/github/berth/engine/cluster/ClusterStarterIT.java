package io.github.berth.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.berth.engine.BerthException;
import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.Holders;
import io.github.berth.engine.Labels;
import io.github.berth.engine.docker.DockerEngine;
import io.github.berth.engine.docker.TestDocker;
import io.github.berth.testing.TestImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting and stopping clusters on the real Docker engine. */
class ClusterStarterIT {

    private static final Duration SHORT = Duration.ofSeconds(30);

    private static DockerEngine engine;
    private static String image;

    @TempDir
    Path stateDirectory;

    private ClusterIdentity identity;
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
        identity = new ClusterIdentity("it:cluster-" + TestDocker.unique(), "demo", stateDirectory.toString());
    }

    @AfterEach
    void removeWhatIsLeft() {
        TestDocker.removeLabelled(engine, identity.labels());
    }

    @Test
    void startsAChainOfThreeServicesAndDescribesThemToTests() throws Exception {
        ClusterSpec cluster = new ClusterSpec("demo", Clusters.threeServices(image), SHORT);

        ClusterState state = starter().start(new StartRequest(cluster, identity, stateDirectory, false));

        Map<String, String> properties = state.properties();
        assertThat(properties)
                .containsKeys("berth.db.port", "berth.db.port.5432", "berth.api.url", "berth.web.id", "berth.web.ip");
        assertThat(properties.get("berth.api.host")).isEqualTo(engine.endpoint().publishedHost());
        assertThat(get(properties.get("berth.api.url") + "/index.html")).contains("api is up");
        JsonNode file =
                new ObjectMapper().readTree(stateDirectory.resolve("demo.json").toFile());
        assertThat(file.path("properties").path("berth.api.url").asText()).isEqualTo(properties.get("berth.api.url"));
        assertThat(reporter.milestones())
                .anyMatch(line -> line.startsWith("Service web ready: "))
                .anyMatch(line -> line.startsWith("Cluster demo ready in "));
    }

    @Test
    void stopRemovesEverythingAndSavesTheLogs() {
        startThreeServices();

        stop();

        assertThat(TestDocker.objectsLabelled(engine, identity.labels())).isEmpty();
        assertThat(stateDirectory.resolve("logs/web.log")).content().contains("reached backend");
        assertThat(stateDirectory.resolve("demo.json")).doesNotExist();
        assertThat(reporter.milestones())
                .anyMatch(line ->
                        line.matches("Stopped cluster demo: removed 3 containers, 1 network, 0 volumes in [0-9.]+ s"));
    }

    @Test
    void stopStopsDependentsBeforeTheirDependencies() {
        List<ServiceSpec> services =
                new ArrayList<>(Clusters.threeServices(image).subList(0, 2));
        services.add(Service.of("client", image)
                .command(
                        "sh",
                        "-c",
                        "trap 'wget -q -O - http://backend/index.html; exit 0' TERM; echo started; sleep 300 &"
                                + " wait")
                .dependsOn(Dependency.ready("api"))
                .readiness(new ReadinessCheck.Log("started", SHORT))
                .build());
        starter().start(new StartRequest(new ClusterSpec("demo", services, SHORT), identity, stateDirectory, false));

        stop();

        assertThat(stateDirectory.resolve("logs/client.log")).content().contains("api is up");
    }

    @Test
    void aServiceThatEndsAfterItWasReadyFailsTheStart() {
        ServiceSpec flaky = Service.of("flaky", image)
                .command("sh", "-c", "echo ready; sleep 0.5; exit 5")
                .readiness(new ReadinessCheck.Log("ready", SHORT))
                .build();
        ServiceSpec slow = Service.of("slow", image)
                .command(Clusters.shell("sleep 3; echo up; sleep 300"))
                .readiness(new ReadinessCheck.Log("up", SHORT))
                .build();
        ClusterSpec cluster = new ClusterSpec("demo", List.of(flaky, slow), SHORT);

        assertThatThrownBy(() -> starter().start(new StartRequest(cluster, identity, stateDirectory, false)))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("Service flaky of cluster demo failed: exited with code 5 after it started");
        assertThat(TestDocker.objectsLabelled(engine, identity.labels())).isEmpty();
    }

    @Test
    void aServiceThatExitsFailsTheStartWithItsExitCodeAndOutputAndLeavesNothing() {
        ServiceSpec broken = Service.of("broken", image)
                .command("sh", "-c", "echo starting; echo 'config file missing' >&2; exit 3")
                .ports(PortSpec.of(80))
                .readiness(new ReadinessCheck.Tcp(80, SHORT))
                .build();
        ClusterSpec cluster = new ClusterSpec("demo", List.of(broken), SHORT);

        assertThatThrownBy(() -> starter().start(new StartRequest(cluster, identity, stateDirectory, false)))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining(
                        "Service broken of cluster demo failed: exited with code 3 while waiting for" + " TCP port 80")
                .hasMessageContaining("broken> config file missing")
                .hasMessageContaining("Removed 1 container, 1 network, 0 volumes of cluster demo");
        assertThat(TestDocker.objectsLabelled(engine, identity.labels())).isEmpty();
    }

    @Test
    void aServiceThatIsNotReadyInTimeFailsNamingTheCheck() {
        ServiceSpec slow = Service.of("slow", image)
                .command("sh", "-c", "trap 'exit 0' TERM; echo warming up; sleep 60 & wait")
                .readiness(new ReadinessCheck.Log("ready to serve", Duration.ofSeconds(2)))
                .build();
        ClusterSpec cluster = new ClusterSpec("demo", List.of(slow), SHORT);

        assertThatThrownBy(() -> starter().start(new StartRequest(cluster, identity, stateDirectory, false)))
                .hasMessageContaining("Service slow of cluster demo failed: timed out after 2 s waiting for log"
                        + " output matching /ready to serve/")
                .hasMessageContaining("slow> warming up");
        assertThat(TestDocker.objectsLabelled(engine, identity.labels())).isEmpty();
    }

    @Test
    void aCheckCutShortByTheClusterDeadlineNamesTheDeadline() {
        ServiceSpec slow = Service.of("slow", image)
                .command("sh", "-c", "trap 'exit 0' TERM; sleep 60 & wait")
                .readiness(new ReadinessCheck.Log("ready to serve", Duration.ofSeconds(60)))
                .build();
        ClusterSpec cluster = new ClusterSpec("demo", List.of(slow), Duration.ofSeconds(2));

        assertThatThrownBy(() -> starter().start(new StartRequest(cluster, identity, stateDirectory, false)))
                .hasMessageContaining("Service slow of cluster demo failed: timed out after ")
                .hasMessageContaining(" s waiting for log output matching /ready to serve/ (last seen: ")
                .hasMessageContaining("), when the cluster's <deadline> passed.")
                .hasMessageContaining("If the cluster is merely slow, raise the cluster's <deadline>; a check's"
                        + " <timeout> cannot outlast it.");
        assertThat(TestDocker.objectsLabelled(engine, identity.labels())).isEmpty();
    }

    @Test
    void aDependencyCycleIsRefusedBeforeAnythingExists() {
        ClusterSpec cluster = new ClusterSpec(
                "demo",
                List.of(
                        Service.of("a", image).dependsOn(Dependency.ready("b")).build(),
                        Service.of("b", image).dependsOn(Dependency.ready("a")).build()),
                SHORT);

        assertThatThrownBy(() -> starter().start(new StartRequest(cluster, identity, stateDirectory, false)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("a -> b -> a");
        assertThat(TestDocker.objectsLabelled(engine, identity.labels())).isEmpty();
    }

    @Test
    void aMissingImageThatCannotBePulledFailsAtOnceNamingServiceImageAndRegistry() {
        String missing = "berth-test-missing-" + TestDocker.unique() + ":1";
        ClusterSpec cluster =
                new ClusterSpec("demo", List.of(Service.of("db", missing).build()), SHORT);

        // The engine's pulls go to a closed proxy on this machine, so Docker Hub is never reached.
        assertThatThrownBy(() -> starter().start(new StartRequest(cluster, identity, stateDirectory, false)))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("Images of cluster demo could not be pulled")
                .hasMessageContaining(
                        "service 'db' <image> " + missing + ": Cannot pull image " + missing + " from docker.io (");
        assertThat(TestDocker.objectsLabelled(engine, identity.labels())).isEmpty();
    }

    @Test
    void aClusterHeldByAnotherRunningBuildIsRefusedAndOneLeftByAnEndedBuildIsRemoved() throws Exception {
        Process otherBuild = new ProcessBuilder("sleep", "60").start();
        String holder = Holders.current().substring(0, Holders.current().lastIndexOf('/')) + "/" + otherBuild.pid();
        List<String> labelArguments = new ArrayList<>();
        identity.labels("other-run")
                .forEach((key, value) -> labelArguments.addAll(List.of("--label", key + "=" + value)));
        labelArguments.addAll(List.of("--label", Labels.HOLDER + "=" + holder));
        List<String> create = new ArrayList<>(List.of("create", "--name", "berth-test-held-" + TestDocker.unique()));
        create.addAll(labelArguments);
        create.addAll(List.of(image, "sleep", "300"));
        TestImages.docker(null, create.toArray(String[]::new));
        ClusterSpec cluster = new ClusterSpec("demo", Clusters.threeServices(image), SHORT);

        try {
            assertThatThrownBy(() -> starter().start(new StartRequest(cluster, identity, stateDirectory, false)))
                    .isInstanceOf(BerthException.class)
                    .hasMessage("Cluster demo of " + stateDirectory + " is in use by a build still running on this"
                            + " host (process " + otherBuild.pid() + "). Wait for that build to end or stop the"
                            + " cluster with berth:stop-cluster; to run both builds at once, give one another"
                            + " <cluster><name>.");
            assertThat(TestDocker.objectsLabelled(engine, identity.labels())).hasSize(1);
        } finally {
            otherBuild.destroyForcibly();
            otherBuild.waitFor();
        }

        starter().start(new StartRequest(cluster, identity, stateDirectory, false));

        assertThat(reporter.warnings())
                .containsExactly(
                        "Removed 1 container, 0 networks, 0 volumes of cluster demo left by an earlier build that did"
                                + " not stop it");
    }

    @Test
    void stopLeavesAloneWhatAnEditedStateFileNamesWithoutTheClustersLabels() throws Exception {
        startThreeServices();
        String unique = TestDocker.unique();
        String victim = TestImages.docker(
                        null, "create", "--name", "berth-test-victim-" + unique, image, "sleep", "300")
                .strip();
        TestImages.docker(null, "network", "create", "berth-test-victim-" + unique);
        TestImages.docker(null, "volume", "create", "berth-test-victim-" + unique);
        Path file = stateDirectory.resolve("demo.json");
        ObjectNode state = (ObjectNode) new ObjectMapper().readTree(file.toFile());
        ((ObjectNode) state.withArray("services").get(0)).put("containerId", victim);
        state.put("network", "berth-test-victim-" + unique);
        state.putArray("volumes").add("berth-test-victim-" + unique);
        new ObjectMapper().writeValue(file.toFile(), state);

        try {
            stop();

            assertThat(TestDocker.objectsLabelled(engine, identity.labels())).isEmpty();
            assertThat(TestImages.docker(null, "ps", "-aq", "--no-trunc", "--filter", "id=" + victim))
                    .contains(victim);
            assertThat(TestImages.docker(null, "network", "ls", "-q", "--filter", "name=berth-test-victim-" + unique))
                    .isNotBlank();
            assertThat(TestImages.docker(null, "volume", "ls", "-q", "--filter", "name=berth-test-victim-" + unique))
                    .isNotBlank();
            assertThat(reporter.warnings())
                    .containsExactly("Left alone what the state file " + file + " names but does not carry the labels"
                            + " of this cluster: container " + victim + " (service "
                            + state.withArray("services").get(0).path("name").asText() + "), network"
                            + " berth-test-victim-" + unique + ", volume berth-test-victim-" + unique);
        } finally {
            TestImages.docker(null, "rm", "-f", victim);
            TestImages.docker(null, "network", "rm", "berth-test-victim-" + unique);
            TestImages.docker(null, "volume", "rm", "berth-test-victim-" + unique);
        }
    }

    @Test
    void aStartForgetsTheOutputAnEarlierStopSavedForItsServices() throws Exception {
        Path earlier = stateDirectory.resolve("logs/app.log");
        Path another = stateDirectory.resolve("logs/another.log");
        Files.createDirectories(earlier.getParent());
        Files.writeString(earlier, "output of an earlier run");
        Files.writeString(another, "output of a service of another cluster");
        ServiceSpec app = Service.of("app", image)
                .command("sh", "-c", "trap 'exit 0' TERM; echo started; sleep 300 & wait")
                .readiness(new ReadinessCheck.Log("started", SHORT))
                .build();

        starter()
                .start(new StartRequest(new ClusterSpec("demo", List.of(app), SHORT), identity, stateDirectory, false));

        assertThat(earlier).doesNotExist();
        assertThat(another).hasContent("output of a service of another cluster");
    }

    @Test
    void stopEndsAPausedServiceOnSigtermAndRemovesIt() {
        ServiceSpec paused = Service.of("paused", image)
                .command("sh", "-c", "trap 'echo ended on TERM; exit 0' TERM; echo started; sleep 300 & wait")
                .readiness(new ReadinessCheck.Log("started", SHORT))
                .build();
        ClusterState state = starter()
                .start(new StartRequest(
                        new ClusterSpec("demo", List.of(paused), SHORT), identity, stateDirectory, false));
        TestDocker.pauseContainer(engine, state.properties().get("berth.paused.id"));

        stop();

        assertThat(TestDocker.objectsLabelled(engine, identity.labels())).isEmpty();
        assertThat(stateDirectory.resolve("logs/paused.log")).content().contains("ended on TERM");
    }

    @Test
    void aGraceUnderASecondStillLetsAServiceEndOnSigterm() {
        ServiceSpec slow = Service.of("slow", image)
                .command(
                        "sh", "-c", "trap 'sleep 0.2; echo ended on TERM; exit 0' TERM; echo started; sleep 300 & wait")
                .readiness(new ReadinessCheck.Log("started", SHORT))
                .build();
        starter()
                .start(new StartRequest(
                        new ClusterSpec("demo", List.of(slow), SHORT), identity, stateDirectory, false));

        new ClusterStopper(engine, reporter).stop(identity, stateDirectory, Duration.ofMillis(900));

        assertThat(stateDirectory.resolve("logs/slow.log")).content().contains("ended on TERM");
    }

    @Test
    void stopWarnsOfAServiceThatFailedWhileTheTestsRan() throws Exception {
        ServiceSpec crash = Service.of("crash", image)
                .command("sh", "-c", "echo ready; sleep 1; echo giving up; exit 7")
                .readiness(new ReadinessCheck.Log("ready", SHORT))
                .build();
        starter()
                .start(new StartRequest(
                        new ClusterSpec("demo", List.of(crash), SHORT), identity, stateDirectory, false));
        Thread.sleep(2500);

        stop();

        assertThat(reporter.warnings())
                .containsExactly("Service crash had already ended with exit code 7 before the cluster was stopped;"
                        + " its output is saved in " + stateDirectory.resolve("logs/crash.log"));
        assertThat(stateDirectory.resolve("logs/crash.log")).content().contains("giving up");
    }

    @Test
    void stopFindsTheClusterByItsLabelsWhenTheStateFileIsGone() throws Exception {
        startThreeServices();
        Files.delete(stateDirectory.resolve("demo.json"));

        stop();

        assertThat(TestDocker.objectsLabelled(engine, identity.labels())).isEmpty();
        assertThat(reporter.milestones())
                .anyMatch(line -> line.startsWith("Stopped cluster demo: removed 3 containers"));
    }

    @Test
    void stopReportsACorruptStateFileAndFindsTheClusterByItsLabels() throws Exception {
        startThreeServices();
        Files.writeString(stateDirectory.resolve("demo.json"), "{\"cluster\": ");

        stop();

        assertThat(reporter.warnings()).singleElement().asString().contains("is corrupt");
        assertThat(stateDirectory.resolve("demo.json.corrupt")).exists();
        assertThat(TestDocker.objectsLabelled(engine, identity.labels())).isEmpty();
    }

    @Test
    void stopRemovesAServiceWhoseOutputCannotBeSavedAndSaysWhy() throws Exception {
        startThreeServices();
        Files.writeString(stateDirectory.resolve("logs"), "a file where the logs folder belongs");

        stop();

        assertThat(TestDocker.objectsLabelled(engine, identity.labels())).isEmpty();
        assertThat(reporter.warnings())
                .hasSize(3)
                .anyMatch(line -> line.startsWith("Cannot save the output of service web to "
                                + stateDirectory.resolve("logs/web.log") + " (")
                        && line.endsWith("); removed its container all the same"));
        assertThat(reporter.milestones())
                .anyMatch(line ->
                        line.matches("Stopped cluster demo: removed 3 containers, 1 network, 0 volumes in [0-9.]+ s"));
    }

    @Test
    void stopSaysWhichServicesOfTheStateFileWereRemovedBeforeIt() {
        ClusterSpec cluster = new ClusterSpec("demo", Clusters.threeServices(image), SHORT);
        ClusterState state = starter().start(new StartRequest(cluster, identity, stateDirectory, false));
        TestDocker.removeContainer(engine, state.properties().get("berth.api.id"));

        stop();

        assertThat(TestDocker.objectsLabelled(engine, identity.labels())).isEmpty();
        assertThat(reporter.warnings())
                .containsExactly("Service api had no container any more when the cluster was stopped (removed by"
                        + " hand?), so " + stateDirectory.resolve("logs/api.log") + " holds none of its output");
        assertThat(stateDirectory.resolve("logs/web.log")).exists();
    }

    @Test
    void stoppingAClusterThatIsGoneSucceedsAndSaysSo() {
        stop();

        assertThat(reporter.milestones())
                .singleElement()
                .asString()
                .startsWith("Stopped cluster demo: removed 0 containers, 0 networks, 0 volumes in ");
    }

    @Test
    void stopRemovesWhatItCanAndReportsWhatItCannotWithIdsAndCauses() {
        ClusterSpec cluster = new ClusterSpec(
                "demo",
                List.of(Service.of("app", image)
                        .command(Clusters.shell("sleep 300"))
                        .build()),
                SHORT);
        ClusterState state = starter().start(new StartRequest(cluster, identity, stateDirectory, false));
        String intruder = TestDocker.startOn(engine, image, state.network());
        try {
            assertThatThrownBy(() ->
                            new ClusterStopper(engine, reporter).stop(identity, stateDirectory, Duration.ofSeconds(5)))
                    .isInstanceOf(BerthException.class)
                    .hasMessageStartingWith(
                            "Could not remove all of cluster demo:\n  - network " + state.network() + ": ")
                    // Docker's words, then Podman's
                    .hasMessageFindingMatch("has active endpoints \\(HTTP 403\\)|network is being used \\(HTTP 500\\)")
                    .hasMessageContaining("Remove what is left with 'docker rm -f', 'docker network rm'");

            assertThat(reporter.milestones())
                    .anyMatch(line -> line.startsWith(
                            "Stopped cluster demo: removed 1 container, 0 networks, 0 volumes; 1 failed in "));
            assertThat(TestDocker.objectsLabelled(engine, identity.labels()))
                    .containsExactly("network " + state.network());
        } finally {
            TestDocker.removeContainer(engine, intruder);
            TestDocker.removeNetwork(engine, state.network());
        }
    }

    /** Starts the cluster {@code demo} of {@link Clusters#threeServices}. */
    private ClusterState startThreeServices() {
        return starter()
                .start(new StartRequest(
                        new ClusterSpec("demo", Clusters.threeServices(image), SHORT),
                        identity,
                        stateDirectory,
                        false));
    }

    private void stop() {
        new ClusterStopper(engine, reporter).stop(identity, stateDirectory, Duration.ofSeconds(5));
    }

    private ClusterStarter starter() {
        return new ClusterStarter(engine, reporter);
    }

    private static String get(String url) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
