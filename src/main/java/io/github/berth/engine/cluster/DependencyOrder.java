package io.github.berth.engine.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The order in which a cluster's services start. A service's rank is 0 without dependencies, otherwise one more than
 * the highest rank among its dependencies; services stop in falling rank.
 */
public final class DependencyOrder {

    /** Ranks by service name, in the order the services were defined. */
    private final Map<String, Integer> ranks;

    private DependencyOrder(Map<String, Integer> ranks) {
        this.ranks = ranks;
    }

    /**
     * Ranks the services of {@code cluster}, whose dependencies must all name services of the cluster.
     *
     * @throws IllegalArgumentException when the dependencies form a cycle; {@link #findCycle} describes it
     */
    public static DependencyOrder of(ClusterSpec cluster) {
        Optional<List<String>> cycle = findCycle(cluster);
        if (cycle.isPresent()) {
            throw new IllegalArgumentException("Dependency cycle: " + String.join(" -> ", cycle.get()));
        }
        Map<String, Integer> ranks = new HashMap<>();
        Map<String, Integer> defined = new LinkedHashMap<>();
        for (ServiceSpec service : cluster.services()) {
            defined.put(service.name(), rank(cluster, service.name(), ranks));
        }
        return new DependencyOrder(defined);
    }

    private static int rank(ClusterSpec cluster, String name, Map<String, Integer> ranks) {
        Integer known = ranks.get(name);
        if (known != null) {
            return known;
        }
        int rank = 0;
        for (Dependency dependency : cluster.service(name).orElseThrow().dependsOn()) {
            rank = Math.max(rank, rank(cluster, dependency.service(), ranks) + 1);
        }
        ranks.put(name, rank);
        return rank;
    }

    /**
     * A cycle among the services' dependencies, as the names along it with the first repeated at the end, or empty
     * when there is none. Dependencies on unknown services are ignored.
     */
    public static Optional<List<String>> findCycle(ClusterSpec cluster) {
        Map<String, Integer> state = new HashMap<>();
        for (ServiceSpec service : cluster.services()) {
            List<String> path = new ArrayList<>();
            Optional<List<String>> cycle = visit(cluster, service.name(), state, path);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(
            ClusterSpec cluster, String name, Map<String, Integer> state, List<String> path) {
        Optional<ServiceSpec> service = cluster.service(name);
        int seen = state.getOrDefault(name, 0);
        if (service.isEmpty() || seen == 2) {
            return Optional.empty();
        }
        if (seen == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            return Optional.of(List.copyOf(cycle));
        }
        state.put(name, 1);
        path.add(name);
        for (Dependency dependency : service.get().dependsOn()) {
            Optional<List<String>> cycle = visit(cluster, dependency.service(), state, path);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        state.put(name, 2);
        return Optional.empty();
    }

    /** The rank of the service called {@code name}. */
    public int rank(String name) {
        Integer rank = ranks.get(name);
        if (rank == null) {
            throw new IllegalArgumentException("No service called " + name);
        }
        return rank;
    }

    /** The service names in start order: by rank, then in the order they were defined. */
    public List<String> startOrder() {
        return ranks.keySet().stream()
                .sorted(Comparator.comparingInt(ranks::get))
                .toList();
    }
}
