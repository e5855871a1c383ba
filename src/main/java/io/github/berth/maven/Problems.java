package io.github.berth.maven;

import io.github.berth.engine.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Gathers the mistakes found while reading the POM's configuration, so they are reported together. */
final class Problems {

    private final List<String> messages = new ArrayList<>();

    /** The value {@code conversion} reads, or {@code fallback} when it finds a mistake, which is kept. */
    <T> T attempt(Supplier<T> conversion, T fallback) {
        try {
            return conversion.get();
        } catch (ConfigurationException e) {
            messages.add(e.getMessage());
            return fallback;
        }
    }

    void add(String message) {
        messages.add(message);
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    /**
     * @param subject what was read, for the message: "Cluster 'shop'"
     * @throws ConfigurationException naming every mistake, when there is any
     */
    void throwIfAny(String subject) {
        if (messages.size() == 1) {
            throw new ConfigurationException(messages.get(0));
        }
        if (!messages.isEmpty()) {
            throw new ConfigurationException(subject + " is not valid:\n  - " + String.join("\n  - ", messages));
        }
    }
}
