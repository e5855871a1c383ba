package io.github.berth.engine.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuildOrderTest {

    @Test
    void dependenciesComeFirstAndAreAddedWhenNotAskedFor() {
        Map<String, Set<String>> dependencies = Map.of("app", Set.of("base"), "base", Set.of("os"), "tool", Set.of());

        List<String> order = BuildOrder.of(List.of("tool", "app"), dependencies);

        assertThat(order).containsExactly("tool", "os", "base", "app");
    }

    @Test
    void cycleIsNamed() {
        Map<String, Set<String>> dependencies = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"));

        assertThatThrownBy(() -> BuildOrder.of(List.of("a"), dependencies))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Builders are built FROM each other in a cycle: a -> b -> c -> a; break it by building one"
                        + " of them FROM another image");
    }

    @Test
    void builderNamesAreRecognisedInFroms() {
        Set<String> builders = Set.of("base", "app");

        assertThat(ImageBuilds.builderNamed("base", builders, "")).contains("base");
        assertThat(ImageBuilds.builderNamed("base:latest", builders, "")).contains("base");
        assertThat(ImageBuilds.builderNamed("team/base", builders, "team/")).contains("base");
        assertThat(ImageBuilds.builderNamed("base:1.0", builders, "")).isEmpty();
        assertThat(ImageBuilds.builderNamed("debian", builders, "")).isEmpty();
    }
}
