package io.github.berth.engine.cluster;

import io.github.berth.engine.ConfigurationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** When start-cluster pulls the images of services that no builder makes. */
public enum PullPolicy {
    /** Pulls an image only when the engine does not hold it. */
    MISSING,
    /** Pulls every such image on every start, so a moved tag is followed. */
    ALWAYS,
    /** Never pulls: an image the engine does not hold is an error. */
    NEVER;

    /**
     * The policy that {@code value} names, in any case.
     *
     * @throws ConfigurationException naming the allowed values
     */
    public static PullPolicy parse(String value) {
        String allowed = Arrays.stream(values())
                .map(policy -> policy.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("<pull> (berth.pull) is empty; use one of " + allowed);
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(
                    "<pull> (berth.pull) is '" + value + "', which is not a pull policy; use one of " + allowed);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
