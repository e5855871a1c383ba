package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Following a container's output as it is written, on the real engine. */
class LogFollowIT {

    private DockerEngine engine;
    private String image;
    private String container;

    @BeforeEach
    void setUp() {
        engine = TestDocker.connect();
        image = TestDocker.busyboxImage(engine, Map.of());
    }

    @AfterEach
    void tearDown() {
        if (container != null) {
            TestDocker.removeContainer(engine, container);
        }
        TestDocker.removeImage(engine, image);
        engine.close();
    }

    @Test
    void keepsEverythingWrittenOnBothStreamsInOrderAsItArrives() throws Exception {
        container = engine.client()
                .createContainerCmd(image)
                .withName("berth-test-follow-" + TestDocker.unique())
                .withCmd("sh", "-c", "echo one; sleep 1; echo two >&2; sleep 1; echo three; sleep 300")
                .exec()
                .getId();
        engine.client().startContainerCmd(container).exec();

        try (LogFollow follow = new DockerLogs(engine).follow(container)) {
            String early = awaitContaining(follow, "one");
            String late = awaitContaining(follow, "three");

            assertThat(early).doesNotContain("three");
            assertThat(late).isEqualTo("one\ntwo\nthree\n");
            follow.close();
            assertThat(follow.text()).isEqualTo(late);
        }
    }

    private static String awaitContaining(LogFollow follow, String part) throws InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(20));
        while (!follow.text().contains(part) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(20);
        }
        return follow.text();
    }
}
