package io.github.berth.engine.build;

import io.github.berth.engine.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Orders builders so that each comes after the builders whose images it is built FROM. */
public final class BuildOrder {

    private BuildOrder() {}

    /**
     * @param wanted the builders asked for
     * @param dependencies for each builder, the builders it is built FROM
     * @return the wanted builders and all they depend on, each after its dependencies
     * @throws ConfigurationException naming the builders of a cycle
     */
    public static List<String> of(List<String> wanted, Map<String, Set<String>> dependencies) {
        Set<String> done = new LinkedHashSet<>();
        for (String name : wanted) {
            visit(name, dependencies, done, new LinkedHashMap<>());
        }
        return List.copyOf(done);
    }

    private static void visit(
            String name, Map<String, Set<String>> dependencies, Set<String> done, Map<String, Boolean> path) {
        if (done.contains(name)) {
            return;
        }
        if (path.containsKey(name)) {
            List<String> cycle = new ArrayList<>(path.keySet());
            cycle = cycle.subList(cycle.indexOf(name), cycle.size());
            throw new ConfigurationException("Builders are built FROM each other in a cycle: "
                    + String.join(" -> ", cycle) + " -> " + name + "; break it by building one of them FROM another"
                    + " image");
        }
        path.put(name, Boolean.TRUE);
        for (String dependency : dependencies.getOrDefault(name, Set.of())) {
            visit(dependency, dependencies, done, path);
        }
        path.remove(name);
        done.add(name);
    }
}
