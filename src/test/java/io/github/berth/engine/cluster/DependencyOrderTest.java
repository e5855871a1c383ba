package io.github.berth.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DependencyOrderTest {

    @Test
    void ranksServicesByTheLongestChainOfDependencies() {
        ClusterSpec cluster = cluster(
                Service.of("web", "x").dependsOn(Dependency.ready("api"), Dependency.ready("db")),
                Service.of("api", "x").dependsOn(Dependency.ready("db")),
                Service.of("db", "x"),
                Service.of("cache", "x"));

        DependencyOrder order = DependencyOrder.of(cluster);

        assertThat(List.of(order.rank("db"), order.rank("cache"), order.rank("api"), order.rank("web")))
                .containsExactly(0, 0, 1, 2);
    }

    @Test
    void startsByRankKeepingTheDefinedOrderWithinARank() {
        ClusterSpec cluster = cluster(
                Service.of("web", "x").dependsOn(Dependency.ready("api")),
                Service.of("cache", "x"),
                Service.of("api", "x").dependsOn(new Dependency("migrate", Dependency.Condition.COMPLETED)),
                Service.of("migrate", "x"));

        assertThat(DependencyOrder.of(cluster).startOrder()).containsExactly("cache", "migrate", "api", "web");
    }

    @Test
    void findsNoCycleInATree() {
        ClusterSpec cluster = cluster(
                Service.of("a", "x").dependsOn(Dependency.ready("b"), Dependency.ready("c")),
                Service.of("b", "x").dependsOn(Dependency.ready("c")),
                Service.of("c", "x"));

        assertThat(DependencyOrder.findCycle(cluster)).isEmpty();
    }

    @Test
    void findsTheCycleAmongOtherServices() {
        ClusterSpec cluster = cluster(
                Service.of("root", "x").dependsOn(Dependency.ready("a")),
                Service.of("a", "x").dependsOn(Dependency.ready("b")),
                Service.of("b", "x").dependsOn(Dependency.ready("a")));

        assertThat(DependencyOrder.findCycle(cluster)).contains(List.of("a", "b", "a"));
    }

    @Test
    void refusesToOrderACycle() {
        ClusterSpec cluster = cluster(Service.of("a", "x").dependsOn(Dependency.ready("a")));

        assertThatThrownBy(() -> DependencyOrder.of(cluster)).hasMessage("Dependency cycle: a -> a");
    }

    private static ClusterSpec cluster(Service... services) {
        return new ClusterSpec("demo", Stream.of(services).map(Service::build).toList(), ClusterSpec.DEFAULT_DEADLINE);
    }
}
