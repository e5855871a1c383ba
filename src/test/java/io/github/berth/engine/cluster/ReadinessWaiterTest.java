package io.github.berth.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the waiter words what it saw, and how often it looks. */
class ReadinessWaiterTest {

    @Test
    void theHealthChecksOutputIsShownOnOneLineAndCutShort() {
        assertThat(ReadinessWaiter.checkSaid("")).isEmpty();
        assertThat(ReadinessWaiter.checkSaid(" \n ")).isEmpty();
        assertThat(ReadinessWaiter.checkSaid("connection refused\n")).isEqualTo(", the check said: connection refused");
        assertThat(ReadinessWaiter.checkSaid("first\r\n  second\n\nthird"))
                .isEqualTo(", the check said: first | second | third");
        assertThat(ReadinessWaiter.checkSaid("x".repeat(300)))
                .isEqualTo(", the check said: " + "x".repeat(200) + "...");
    }

    @Test
    void aPortBoundOnLoopbackOrEveryAddressIsReachedAtTheEnginesHostAndOneBoundElsewhereAtItsAddress() {
        for (String bound : new String[] {"", "0.0.0.0", "::", "127.0.0.1"}) {
            assertThat(ReadinessWaiter.reachableHost("engine.example", bound))
                    .as(bound)
                    .isEqualTo("engine.example");
        }
        assertThat(ReadinessWaiter.reachableHost("engine.example", "10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(ReadinessWaiter.reachableHost("engine.example", "fd00::5")).isEqualTo("fd00::5");
    }

    @Test
    void looksSoonAfterTheStartThenEvery50MsWhileYoungThenLessAndLessOften() {
        List<Long> pauses = new ArrayList<>();
        Duration pause = ReadinessWaiter.FIRST_PAUSE;
        Duration age = Duration.ZERO;
        while (age.compareTo(Duration.ofSeconds(10)) < 0) {
            pauses.add(pause.toMillis());
            age = age.plus(pause);
            pause = ReadinessWaiter.nextPause(pause, age);
        }

        assertThat(pauses.subList(0, 8)).containsExactly(5L, 7L, 11L, 16L, 25L, 37L, 50L, 50L);
        // Six looks in the first 0.1 s, and no more than 75 in ten seconds.
        assertThat(pauses.subList(0, 5).stream().mapToLong(Long::longValue).sum())
                .isLessThan(100);
        assertThat(pauses).hasSizeBetween(60, 75);
        assertThat(pauses.get(pauses.size() - 1)).isEqualTo(1000L);
    }
}
