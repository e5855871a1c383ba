package io.github.berth.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the waiter words what it saw. */
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
}
