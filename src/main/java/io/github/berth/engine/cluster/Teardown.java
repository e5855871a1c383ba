package io.github.berth.engine.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * What removing (part of) a cluster achieved: how many objects went, and what could not be removed and why.
 */
final class Teardown {

    private int containers;
    private int networks;
    private int volumes;
    private final List<String> failures = new ArrayList<>();

    synchronized void containerRemoved() {
        containers++;
    }

    synchronized void networkRemoved() {
        networks++;
    }

    synchronized void volumeRemoved() {
        volumes++;
    }

    synchronized void failed(String what, RuntimeException cause) {
        failures.add(what + ": " + cause.getMessage());
    }

    synchronized int total() {
        return containers + networks + volumes;
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    /** "3 containers, 1 network, 0 volumes". */
    synchronized String counts() {
        return plural(containers, "container") + ", " + plural(networks, "network") + ", " + plural(volumes, "volume");
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
