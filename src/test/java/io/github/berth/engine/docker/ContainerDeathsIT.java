package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
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
    private TrackedDocker docker;
    private String image;

    @BeforeEach
    void setUp() {
        docker = new TrackedDocker();
        image = docker.busyboxImage();
    }

    @AfterEach
    void removeWhatTheTestMade() {
        docker.close();
    }

    @Test
    void reportsTheEndOfEachContainerThatCarriesTheLabelsAndOfNoOther() throws Exception {
        String other = docker.container(image, Map.of(), true, "sh", "-c", "sleep 1");
        String followed = docker.container(image, labels, true, "sh", "-c", "sleep 1; exit 3");

        try (ContainerDeaths deaths = containers().followDeaths(labels, died::add)) {
            awaitEnd(other);
            awaitEnd(followed);
            awaitReports(1);
            Thread.sleep(200);
        }

        assertThat(died).containsExactly(followed);
    }

    @Test
    void aStoppedContainerIsReported() throws Exception {
        String followed = docker.container(image, labels, true, "sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait");

        try (ContainerDeaths deaths = containers().followDeaths(labels, died::add)) {
            Thread.sleep(200);
            containers().stop(followed, Duration.ofSeconds(10));
            awaitReports(1);
        }

        assertThat(died).containsExactly(followed);
    }

    @Test
    void aClosedFollowReportsNothingMore() throws Exception {
        String followed = docker.container(image, labels, true, "sh", "-c", "sleep 1");

        ContainerDeaths deaths = containers().followDeaths(labels, died::add);
        deaths.close();
        awaitEnd(followed);
        Thread.sleep(500);

        assertThat(died).isEmpty();
    }

    private DockerContainers containers() {
        return new DockerContainers(docker.engine());
    }

    private void awaitEnd(String id) throws InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
        while (docker.running(id) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(20);
        }
    }

    private void awaitReports(int count) throws InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(10));
        while (died.size() < count && Instant.now().isBefore(giveUp)) {
            Thread.sleep(20);
        }
    }
}
