package io.github.berth.engine.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.CollectingReporter;
import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.Labels;
import io.github.berth.engine.cluster.ClusterIdentity;
import io.github.berth.engine.cluster.ClusterState;
import io.github.berth.engine.cluster.ServiceState;
import io.github.berth.engine.cluster.StateFile;
import io.github.berth.engine.coverage.fixture.Greeter;
import io.github.berth.engine.docker.TrackedDocker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jacoco.core.tools.ExecFileLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoverageCollectorIT {

    @TempDir
    Path directory;

    private final CollectingReporter reporter = new CollectingReporter();
    private final String cluster = TrackedDocker.unique("cluster");
    private final ClusterIdentity identity =
            new ClusterIdentity(TrackedDocker.unique("it:coverage"), cluster, "/work/project");
    private TrackedDocker docker;

    @BeforeEach
    void connect() {
        docker = new TrackedDocker();
    }

    @AfterEach
    void removeWhatTheTestMade() {
        docker.close();
    }

    @Test
    void collectsAndMergesTheCoverageOfARealJvmStoppedGracefully() throws Exception {
        Path context = JvmImageContext.create(directory.resolve("context"), Greeter.class);
        String image = docker.build(context, TrackedDocker.unique("berth-it-greeter") + ":1", Map.of());
        String container = docker.container(image, labels("greeter"), true, "tester");
        docker.awaitLog(container, "greeter ready", Duration.ofSeconds(30));

        CoverageResult result = collector().collect(request(List.of()));

        assertThat(docker.running(container)).isFalse();
        assertThat(result.collected()).containsExactly("greeter");
        Path merged = directory.resolve("jacoco-it.exec");
        assertThat(result.merged()).contains(merged);
        ExecFileLoader loader = new ExecFileLoader();
        loader.load(merged.toFile());
        assertThat(loader.getExecutionDataStore().getContents()).anySatisfy(data -> {
            assertThat(data.getName()).isEqualTo("io/github/berth/engine/coverage/fixture/Greeter");
            assertThat(data.hasHits()).isTrue();
        });
        assertThat(directory.resolve("coverage/greeter/jacoco.exec")).isNotEmptyFile();
        assertThat(reporter.milestones)
                .singleElement()
                .asString()
                .startsWith("Collected coverage of 1 of 1 service" + " (1 file) into " + directory.resolve("coverage")
                        + "; merged 1 JaCoCo data file into " + merged);
    }

    @Test
    void warnsAboutAServiceWithoutCoverageDirectoryAndCollectsTheOthers() throws Exception {
        String image = busyboxImage();
        docker.container(image, labels("plain"), true, "sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait");
        docker.container(image, labels("notes"), false, "sh", "-c", "true");
        String writer = docker.container(
                image,
                labels("writer"),
                true,
                "sh",
                "-c",
                "mkdir -p /coverage && echo hi > /coverage/notes.txt && echo written"
                        + " && trap 'exit 0' TERM; sleep 600 & wait");
        docker.awaitLog(writer, "written", Duration.ofSeconds(30));

        CoverageResult result = collector().collect(request(List.of("plain", "writer")));

        assertThat(result.withoutDirectory()).containsExactly("plain");
        assertThat(result.collected()).containsExactly("writer");
        assertThat(directory.resolve("coverage/writer/notes.txt")).hasContent("hi");
        assertThat(result.merged()).isEmpty();
        assertThat(reporter.warnings)
                .singleElement()
                .asString()
                .startsWith("Service plain (container ")
                .contains("has no coverage directory /coverage; point its agent there");
    }

    @Test
    void warnsWhenAServiceHadToBeKilled() throws Exception {
        stubbornService("stubborn");

        CoverageResult result = collector().collect(request(List.of(), Duration.ofSeconds(1)));

        assertThat(result.collected()).containsExactly("stubborn");
        assertThat(reporter.warnings)
                .singleElement()
                .isEqualTo("Service stubborn did not stop within 1 s of SIGTERM and was killed, so its coverage data"
                        + " may be missing or cut short; raise stopGracePeriod (berth.stopGracePeriod)");
    }

    @Test
    void servicesThatIgnoreSigtermAreGivenTheirGracePeriodAllAtOnce() throws Exception {
        List<String> services = List.of("one", "two", "three", "four");
        for (String service : services) {
            stubbornService(service);
        }
        long started = System.nanoTime();

        CoverageResult result = collector().collect(request(List.of(), Duration.ofSeconds(4)));

        assertThat(result.collected()).containsExactlyInAnyOrderElementsOf(services);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(12));
    }

    @Test
    void stopsDependentsBeforeTheirDependencies() throws Exception {
        String image = busyboxImage();
        // The dependent takes a second to shut down; the dependency ends at once.
        String dependency = docker.container(
                image, ranked("db", 0), true, "sh", "-c", "trap 'exit 0' TERM; echo up; sleep 600 & wait");
        String dependent = docker.container(
                image, ranked("api", 1), true, "sh", "-c", "trap 'sleep 1; exit 0' TERM; echo up; sleep 600 & wait");
        docker.awaitLog(dependency, "up", Duration.ofSeconds(30));
        docker.awaitLog(dependent, "up", Duration.ofSeconds(30));

        collector().collect(request(List.of()));

        assertThat(docker.finishedAt(dependent)).isBefore(docker.finishedAt(dependency));
    }

    @Test
    void keepsLinksOfAContainerThatPointOutsideOutOfTheCollectedFiles() throws Exception {
        String image = busyboxImage();
        String container = docker.container(
                image,
                labels("hostile"),
                true,
                "sh",
                "-c",
                "mkdir -p /coverage/sub && echo ok > /coverage/ok.txt && ln -s /etc /coverage/etc"
                        + " && ln -s ../../../../tmp /coverage/sub/up && ln -s ../ok.txt /coverage/sub/fine"
                        + " && echo written && trap 'exit 0' TERM; sleep 600 & wait");
        docker.awaitLog(container, "written", Duration.ofSeconds(30));

        CoverageResult result = collector().collect(request(List.of()));

        Path collected = directory.resolve("coverage/hostile");
        assertThat(result.files()).containsExactly(Path.of("hostile/ok.txt"));
        assertThat(collected.resolve("etc")).doesNotExist();
        assertThat(Files.exists(collected.resolve("sub/up"), LinkOption.NOFOLLOW_LINKS))
                .isFalse();
        assertThat(Files.readSymbolicLink(collected.resolve("sub/fine"))).isEqualTo(Path.of("../ok.txt"));
        assertThat(reporter.warnings)
                .hasSize(2)
                .allSatisfy(warning -> assertThat(warning).contains("outside the target directory"));
        Path inside = collected.toRealPath();
        assertThat(linkTargets(collected)).isNotEmpty().allMatch(target -> target.startsWith(inside));
    }

    @Test
    void warnsWhenTheCoverageDirectoryItselfIsALink() throws Exception {
        String image = busyboxImage();
        String container = docker.container(
                image,
                labels("linked"),
                true,
                "sh",
                "-c",
                "ln -s /etc /coverage && echo written && trap 'exit 0' TERM; sleep 600 & wait");
        docker.awaitLog(container, "written", Duration.ofSeconds(30));

        CoverageResult result = collector().collect(request(List.of()));

        assertThat(result.files()).isEmpty();
        assertThat(reporter.warnings).singleElement().asString().contains("the archived directory itself is a link");
    }

    @Test
    void takesTheContainersOfTheRunTheStateFileNamesAndNeverOneWithoutTheClustersLabels() throws Exception {
        Map<String, String> ofRun1 = new HashMap<>(labels("web"));
        ofRun1.put(Labels.RUN, "run1");
        Map<String, String> ofOtherRun = new HashMap<>(labels("web"));
        ofOtherRun.put(Labels.RUN, "run0");
        String script =
                "mkdir /coverage && echo hi > /coverage/notes.txt && echo written && trap 'exit 0' TERM; sleep 600"
                        + " & wait";
        String container = docker.container(docker.busyboxImage(), ofRun1, true, "sh", "-c", script);
        String otherRun = docker.container(docker.busyboxImage(), ofOtherRun, true, "sh", "-c", script);
        String unlabelled = docker.container(docker.busyboxImage(), Map.of(), true, "sh", "-c", script);
        docker.awaitLog(container, "written", Duration.ofSeconds(30));
        ServiceState service = new ServiceState("web", container, "web-container", 0, "", "", List.of());
        ServiceState planted = new ServiceState("api", unlabelled, "api-container", 0, "", "", List.of());
        new StateFile(directory.resolve("state"), cluster)
                .write(new ClusterState(cluster, "run1", "network", List.of(), List.of(service, planted)));

        CoverageResult result = collector().collect(request(List.of()));

        assertThat(result.collected()).containsExactly("web");
        assertThat(directory.resolve("coverage/web/notes.txt")).hasContent("hi");
        assertThat(docker.running(container)).isFalse();
        assertThat(docker.running(otherRun)).isTrue();
        assertThat(docker.running(unlabelled)).isTrue();
    }

    @Test
    void countsAsFailedAServiceOfTheStateFileWhoseContainerWasRemoved() throws Exception {
        Map<String, String> ofRun = new HashMap<>(labels("web"));
        ofRun.put(Labels.RUN, "run1");
        String web = docker.container(
                docker.busyboxImage(),
                ofRun,
                true,
                "sh",
                "-c",
                "mkdir /coverage && echo hi > /coverage/notes.txt && echo written && trap 'exit 0' TERM; sleep 600"
                        + " & wait");
        docker.awaitLog(web, "written", Duration.ofSeconds(30));
        new StateFile(directory.resolve("state"), cluster)
                .write(new ClusterState(
                        cluster,
                        "run1",
                        "network",
                        List.of(),
                        List.of(
                                new ServiceState("web", web, "web-container", 0, "", "", List.of()),
                                new ServiceState("api", "0123456789abcdef", "api-container", 0, "", "", List.of()))));

        CoverageResult result = collector().collect(request(List.of("api", "web")));

        assertThat(result.collected()).containsExactly("web");
        assertThat(result.failed()).containsExactly("api");
        assertThat(reporter.warnings)
                .containsExactly("Cannot collect the coverage of service api (container api-container, 0123456789ab):"
                        + " its container is gone; was it removed, or the cluster stopped, before collect-coverage"
                        + " ran? Run stop-cluster after collect-coverage");
        assertThat(reporter.milestones).singleElement().asString().contains("; 1 failed: api in ");
    }

    @Test
    void warnsWhenTheClusterHasNoContainer() {
        CoverageResult result = collector().collect(request(List.of()));

        assertThat(result.collected()).isEmpty();
        assertThat(reporter.warnings)
                .singleElement()
                .isEqualTo("Found no container of cluster " + cluster + ": no state file in "
                        + directory.resolve("state") + " and no container with its labels; run start-cluster before"
                        + " collect-coverage");
    }

    @Test
    void refusesAListedServiceTheClusterDoesNotHave() throws Exception {
        docker.container(busyboxImage(), labels("api"), false, "true");

        assertThatThrownBy(() -> collector().collect(request(List.of("db"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Service 'db' listed in the services of collect-coverage has no container in cluster '"
                        + cluster + "' (services found: api); list only services of the cluster, or leave the list"
                        + " empty for all");
    }

    @Test
    void refusesToReplaceAFolderItDidNotMakeAndStopsNothing() throws Exception {
        String container = docker.container(
                busyboxImage(), labels("api"), true, "sh", "-c", "mkdir /coverage && echo up && exec sleep 600");
        docker.awaitLog(container, "up", Duration.ofSeconds(30));
        Path mine = Files.createDirectories(directory.resolve("coverage/api/mine"));
        Files.writeString(mine.resolve("notes.txt"), "my work");

        assertThatThrownBy(() -> collector().collect(request(List.of())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("The coverage of service api would replace " + directory.resolve("coverage/api")
                        + ", which collect-coverage did not make");

        assertThat(mine.resolve("notes.txt")).hasContent("my work");
        assertThat(docker.running(container)).isTrue();
    }

    @Test
    void replacesTheFolderOfAnEarlierCollection() throws Exception {
        String container = docker.container(
                busyboxImage(),
                labels("api"),
                true,
                "sh",
                "-c",
                "mkdir /coverage && echo new > /coverage/new.txt && echo up && exec sleep 600");
        docker.awaitLog(container, "up", Duration.ofSeconds(30));
        collector().collect(request(List.of()));
        Files.writeString(directory.resolve("coverage/api/old.txt"), "old");

        CoverageResult result = collector().collect(request(List.of()));

        assertThat(result.files()).containsExactly(Path.of("api/new.txt"));
        assertThat(directory.resolve("coverage/api/old.txt")).doesNotExist();
    }

    @Test
    void refusesTheRootAsCoverageDirectory() throws Exception {
        docker.container(busyboxImage(), labels("api"), false, "true");
        CoverageRequest request = requestReading(Map.of("api", "//"));

        assertThatThrownBy(() -> collector().collect(request))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Coverage directory '//' of api is the container's root, which would copy its whole file"
                        + " system; write the folder the agent writes to, like /coverage");
    }

    @Test
    void refusesARelativeCoverageDirectory() throws Exception {
        docker.container(busyboxImage(), labels("api"), false, "true");
        CoverageRequest request = requestReading(Map.of("api", "jacoco"));

        assertThatThrownBy(() -> collector().collect(request))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Coverage directory 'jacoco' of api is not an absolute path in the container; write it like"
                        + " /coverage");
    }

    private CoverageCollector collector() {
        return new CoverageCollector(docker.engine(), reporter);
    }

    private CoverageRequest request(List<String> services) {
        return request(services, Duration.ofSeconds(5));
    }

    /** A service with coverage data that ignores SIGTERM, so that only SIGKILL stops it. */
    private void stubbornService(String service) throws Exception {
        String container = docker.container(
                docker.busyboxImage(),
                labels(service),
                true,
                "sh",
                "-c",
                "mkdir /coverage && echo partial > /coverage/data.txt && echo written && exec sleep 600");
        docker.awaitLog(container, "written", Duration.ofSeconds(30));
    }

    /** A request for {@code services} (all when empty) with grace period {@code stopTimeout}. */
    private CoverageRequest request(List<String> services, Duration stopTimeout) {
        return request(services, Map.of(), stopTimeout);
    }

    /** A request for all services, reading the coverage directories {@code directories} gives by service. */
    private CoverageRequest requestReading(Map<String, String> directories) {
        return request(List.of(), directories, Duration.ofSeconds(5));
    }

    private CoverageRequest request(List<String> services, Map<String, String> directories, Duration stopTimeout) {
        return new CoverageRequest(
                identity,
                directory.resolve("state"),
                services,
                "/coverage",
                directories,
                directory.resolve("coverage"),
                directory.resolve("jacoco-it.exec"),
                stopTimeout);
    }

    private Map<String, String> labels(String service) {
        Map<String, String> labels = new HashMap<>(identity.labels());
        labels.put(Labels.SERVICE, service);
        return labels;
    }

    private Map<String, String> ranked(String service, int rank) {
        Map<String, String> labels = labels(service);
        labels.put(Labels.RANK, String.valueOf(rank));
        return labels;
    }

    private String busyboxImage() {
        return docker.busyboxImage();
    }

    /** Where every link below {@code root} leads, fully resolved. */
    private static List<Path> linkTargets(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isSymbolicLink)
                    .map(CoverageCollectorIT::realPath)
                    .toList();
        }
    }

    private static Path realPath(Path link) {
        try {
            return link.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
