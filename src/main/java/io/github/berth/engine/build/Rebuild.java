package io.github.berth.engine.build;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which builders are built again even when an image with their content key exists.
 *
 * @param all every builder
 * @param names the builders named, when not all
 */
public record Rebuild(boolean all, Set<String> names) {

    public Rebuild {
        names = Set.copyOf(names);
    }

    /** Rebuilds only what changed. */
    public static Rebuild none() {
        return new Rebuild(false, Set.of());
    }

    /**
     * Reads {@code all} or a comma-separated list of builder names; blank means none.
     *
     * @param value the value of the rebuild setting, may be {@code null}
     */
    public static Rebuild parse(String value) {
        if (value == null || value.isBlank()) {
            return none();
        }
        if (value.strip().equalsIgnoreCase("all")) {
            return new Rebuild(true, Set.of());
        }
        return new Rebuild(
                false,
                Arrays.stream(value.split(","))
                        .map(String::strip)
                        .filter(name -> !name.isEmpty())
                        .collect(Collectors.toSet()));
    }

    /**
     * A warning naming what this asks to rebuild that is none of {@code known}, listing those; empty when all are.
     *
     * @param what what the names should be, e.g. "builder" or "service"
     */
    public Optional<String> unknown(Set<String> known, String what) {
        List<String> unknown =
                names.stream().filter(n -> !known.contains(n)).sorted().toList();
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("berth.rebuild names " + String.join(", ", unknown) + ", which is no " + what
                + " here (known: " + String.join(", ", new TreeSet<>(known))
                + "); fix the name, or ignore this if another goal reads it");
    }

    public boolean includes(String builder) {
        return all || names.contains(builder);
    }

    /** This and {@code more} names besides. */
    public Rebuild and(Set<String> more) {
        if (all || more.isEmpty()) {
            return this;
        }
        Set<String> union = new HashSet<>(names);
        union.addAll(more);
        return new Rebuild(false, union);
    }
}
