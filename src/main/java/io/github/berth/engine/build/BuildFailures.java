package io.github.berth.engine.build;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What went wrong in one run of builds: the images whose own build failed, and the images not built because an image
 * they wait on failed, each told with the failed images it waited on.
 */
final class BuildFailures {

    private final Map<String, Set<String>> dependencies;
    private final String imagePrefix;
    private final Map<String, RuntimeException> failed = new LinkedHashMap<>();
    private final Map<String, Set<String>> skipped = new LinkedHashMap<>();

    /**
     * @param dependencies for each builder, the builders it waits on
     * @param imagePrefix put before a builder's name to name its image
     */
    BuildFailures(Map<String, Set<String>> dependencies, String imagePrefix) {
        this.dependencies = dependencies;
        this.imagePrefix = imagePrefix;
    }

    /**
     * Records that {@code name} was not made: skipped when an image it waits on failed or was skipped, failed with
     * {@code failure} otherwise. Names come in build order.
     */
    void notMade(String name, RuntimeException failure) {
        Set<String> waitedOn = new LinkedHashSet<>();
        for (String dependency : dependencies.getOrDefault(name, Set.of())) {
            if (failed.containsKey(dependency)) {
                waitedOn.add(dependency);
            }
            if (skipped.containsKey(dependency)) {
                waitedOn.add(dependency);
                waitedOn.addAll(skipped.get(dependency));
            }
        }
        if (waitedOn.isEmpty()) {
            failed.put(name, failure);
        } else {
            skipped.put(name, waitedOn);
        }
    }

    /**
     * The failure to throw, if any image was not made: a lone failure as it is, else all failures followed by the
     * images they held back, each with the failed images it waited on and those between, in build order.
     */
    Optional<RuntimeException> failure() {
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        List<RuntimeException> failures = new ArrayList<>(failed.values());
        RuntimeException first = failures.get(0);
        if (failures.size() == 1 && skipped.isEmpty()) {
            return Optional.of(first);
        }
        StringBuilder message = new StringBuilder();
        if (failures.size() > 1) {
            message.append(failures.size()).append(" images failed to build:\n");
        }
        failures.forEach(failure -> message.append(failure.getMessage()).append('\n'));
        skipped.forEach(
                (name, waitedOn) -> message.append(notBuilt(name, waitedOn)).append('\n'));
        message.setLength(message.length() - 1);
        boolean mistakes = failures.stream().allMatch(ConfigurationException.class::isInstance);
        RuntimeException combined = mistakes
                ? new ConfigurationException(message.toString(), first)
                : new BerthException(message.toString(), first);
        failures.stream().skip(1).forEach(combined::addSuppressed);
        return Optional.of(combined);
    }

    private String notBuilt(String name, Set<String> waitedOn) {
        List<String> through =
                skipped.keySet().stream().filter(waitedOn::contains).toList();
        List<String> culprits =
                failed.keySet().stream().filter(waitedOn::contains).toList();
        return "Image " + imagePrefix + name + " was not built: it waits"
                + (through.isEmpty() ? "" : ", through " + images(through) + ",")
                + " on image" + (culprits.size() == 1 ? " " : "s ") + images(culprits) + ", which failed";
    }

    private String images(List<String> names) {
        List<String> shown = names.stream().map(name -> imagePrefix + name).toList();
        return shown.size() == 1
                ? shown.get(0)
                : String.join(", ", shown.subList(0, shown.size() - 1)) + " and " + shown.get(shown.size() - 1);
    }
}
