package io.github.berth.engine.cluster;

import java.util.Locale;
import java.util.Objects;

/**
 * A service another one waits for before it starts.
 *
 * @param service the name of the service waited for
 * @param condition what the service must have reached
 */
public record Dependency(String service, Condition condition) {

    /** What a service must have reached before those that depend on it start. */
    public enum Condition {
        /** Its container runs. */
        STARTED,
        /** All of its readiness checks passed. */
        READY,
        /** Its container ended with exit code 0. */
        COMPLETED;

        /** The word users write for this condition. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Dependency {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(condition, "condition");
    }

    public static Dependency ready(String service) {
        return new Dependency(service, Condition.READY);
    }
}
