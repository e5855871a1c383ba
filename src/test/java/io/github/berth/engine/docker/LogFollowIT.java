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
    private final StringBuilder taken = new StringBuilder();

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
        container = startContainer("echo one; sleep 1; echo two >&2; sleep 1; echo three; sleep 300");

        try (LogFollow follow = new DockerLogs(engine).follow(container)) {
            String early = awaitContaining(follow, "one");
            String late = awaitContaining(follow, "three");

            assertThat(early).doesNotContain("three");
            assertThat(late).isEqualTo("one\ntwo\nthree\n");
            follow.close();
            assertThat(follow.take()).isEmpty();
        }
    }

    @Test
    void aSilentContainerIsFollowedWithoutWaitingForItsFirstWords() throws Exception {
        container = startContainer("sleep 2; echo late; sleep 300");
        Instant before = Instant.now();

        try (LogFollow follow = new DockerLogs(engine).follow(container)) {
            assertThat(follow.take()).isEmpty();
            assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(1));
            assertThat(awaitContaining(follow, "late")).isEqualTo("late\n");
        }
    }

    @Test
    void aFollowClosedBeforeTheContainerWroteKeepsNothingAndFailsNothing() throws Exception {
        container = startContainer("sleep 1; echo late; sleep 300");

        LogFollow follow = new DockerLogs(engine).follow(container);
        follow.close();
        Thread.sleep(2000);

        assertThat(follow.take()).isEmpty();
    }

    /** Starts a container running {@code script}, removed after the test even when its start fails. */
    private String startContainer(String script) {
        container = engine.client()
                .createContainerCmd(image)
                .withName("berth-test-follow-" + TestDocker.unique())
                .withCmd("sh", "-c", script)
                .exec()
                .getId();
        engine.client().startContainerCmd(container).exec();
        return container;
    }

    /** Takes what the follow got until it holds {@code part}; all taken so far, by this and earlier calls. */
    private String awaitContaining(LogFollow follow, String part) throws InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(20));
        taken.append(follow.take());
        while (!taken.toString().contains(part) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(20);
            taken.append(follow.take());
        }
        return taken.toString();
    }
}
