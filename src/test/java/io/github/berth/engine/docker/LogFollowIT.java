package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.berth.engine.BerthException;
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
    private final StringBuffer handed = new StringBuffer();

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

        try (LogFollow follow = new DockerLogs(engine).follow(container, handed::append)) {
            String early = awaitContaining("one");
            String late = awaitContaining("three");

            assertThat(early).doesNotContain("three");
            assertThat(late).isEqualTo("one\ntwo\nthree\n");
            follow.check();
        }
    }

    @Test
    void aSilentContainerIsFollowedWithoutWaitingForItsFirstWords() throws Exception {
        container = startContainer("sleep 2; echo late; sleep 300");
        Instant before = Instant.now();

        try (LogFollow follow = new DockerLogs(engine).follow(container, handed::append)) {
            assertThat(handed.toString()).isEmpty();
            assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(1));
            assertThat(awaitContaining("late")).isEqualTo("late\n");
            follow.check();
        }
    }

    @Test
    void aFollowClosedBeforeTheContainerWroteKeepsNothingAndFailsNothing() throws Exception {
        container = startContainer("sleep 1; echo late; sleep 300");

        LogFollow follow = new DockerLogs(engine).follow(container, handed::append);
        follow.close();
        Thread.sleep(2000);

        follow.check();
        assertThat(handed.toString()).isEmpty();
    }

    @Test
    void anErrorWhileHandingOnTheOutputIsReportedAtTheNextCheck() throws Exception {
        container = startContainer("echo first; sleep 300");

        try (LogFollow follow = new DockerLogs(engine).follow(container, text -> {
            throw new OutOfMemoryError("no room for " + text.strip());
        })) {
            Instant giveUp = Instant.now().plus(Duration.ofSeconds(20));
            Throwable failure = null;
            while (failure == null && Instant.now().isBefore(giveUp)) {
                Thread.sleep(20);
                failure = catchThrowable(follow::check);
            }

            assertThat(failure)
                    .isInstanceOf(BerthException.class)
                    .hasMessageStartingWith("Cannot follow the output of container ")
                    .hasMessageContaining("no room for first");
        }
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

    /** Waits until what the follow handed on holds {@code part}; returns all it handed on so far. */
    private String awaitContaining(String part) throws InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(20));
        while (!handed.toString().contains(part) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(20);
        }
        return handed.toString();
    }
}
