package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Following the ends of containers' processes through the engine's events, on the real engine. */
class ContainerDeathsIT {

    private final Map<String, String> labels = Map.of("io.github.berth.test.deaths", TestDocker.unique());
    private final List<String> died = new CopyOnWriteArrayList<>();
    private final List<String> unlabelled = new ArrayList<>();
    private DockerEngine engine;
    private String image;

    @BeforeEach
    void setUp() {
        engine = TestDocker.connect();
        image = TestDocker.busyboxImage(engine, Map.of());
    }

    @AfterEach
    void tearDown() {
        TestDocker.removeLabelled(engine, labels);
        unlabelled.forEach(id -> TestDocker.removeContainer(engine, id));
        TestDocker.removeImage(engine, image);
        engine.close();
    }

    @Test
    void reportsTheEndOfEachContainerThatCarriesTheLabelsAndOfNoOther() throws Exception {
        String other = start(Map.of(), "sleep 1");
        unlabelled.add(other);
        String followed = start(labels, "sleep 1; exit 3");

        try (ContainerDeaths deaths = new DockerContainers(engine).followDeaths(labels, died::add)) {
            awaitEnd(other);
            awaitEnd(followed);
            awaitReports(1);
            Thread.sleep(200);
        }

        assertThat(died).containsExactly(followed);
    }

    @Test
    void aStoppedContainerIsReported() throws Exception {
        String followed = start(labels, "trap 'exit 0' TERM; sleep 300 & wait");

        try (ContainerDeaths deaths = new DockerContainers(engine).followDeaths(labels, died::add)) {
            Thread.sleep(200);
            new DockerContainers(engine).stop(followed, Duration.ofSeconds(10));
            awaitReports(1);
        }

        assertThat(died).containsExactly(followed);
    }

    @Test
    void aClosedFollowReportsNothingMore() throws Exception {
        String followed = start(labels, "sleep 1");

        ContainerDeaths deaths = new DockerContainers(engine).followDeaths(labels, died::add);
        deaths.close();
        awaitEnd(followed);
        Thread.sleep(500);

        assertThat(died).isEmpty();
    }

    private String start(Map<String, String> containerLabels, String script) {
        String id = engine.client()
                .createContainerCmd(image)
                .withName("berth-test-deaths-" + TestDocker.unique())
                .withLabels(containerLabels)
                .withCmd("sh", "-c", script)
                .exec()
                .getId();
        engine.client().startContainerCmd(id).exec();
        return id;
    }

    private void awaitReports(int count) throws InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(10));
        while (died.size() < count && Instant.now().isBefore(giveUp)) {
            Thread.sleep(20);
        }
    }

    private void awaitEnd(String id) {
        engine.client().waitContainerCmd(id).start().awaitStatusCode();
    }
}
