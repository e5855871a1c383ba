package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.Reporter;
import java.time.Duration;

/** A connect that must fail, and fail in time: what it said and how long it took. */
record FailedConnect(String message, Duration elapsed) {

    /**
     * Loosely above the 5 s that a failed connect may take: the first connect in a JVM also loads the client's classes,
     * which takes seconds on a busy machine.
     */
    static final Duration LOOSE_BOUND = Duration.ofMillis(8000);

    static FailedConnect to(DockerEndpoint endpoint, Reporter reporter) {
        long start = System.nanoTime();
        BerthException exception = catchThrowableOfType(
                BerthException.class,
                () -> DockerEngine.connect(endpoint, reporter).close());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(exception).as("connect to " + endpoint + " failed").isNotNull();
        assertThat(elapsed).as("time to fail").isLessThan(LOOSE_BOUND);
        return new FailedConnect(exception.getMessage(), elapsed);
    }
}
