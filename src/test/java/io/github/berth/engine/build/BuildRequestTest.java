package io.github.berth.engine.build;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildRequestTest {

    @Test
    void layerLimitBeyondTheEnginesIsRefused() {
        assertThatThrownBy(() -> new BuildRequest(
                        Path.of("."),
                        Path.of("docker"),
                        List.of(),
                        "",
                        "g:a",
                        Map.of(),
                        1,
                        Rebuild.none(),
                        false,
                        List.of(),
                        128,
                        Path.of("target/berth")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("between 2 and 127, not 128")
                .hasMessageContaining("berth.layerLimit");
    }

    @Test
    void anImagePrefixThatMakesNoImageNameIsRefusedNamingIt() {
        for (String prefix : List.of("Brk/", "my prefix/", "a//")) {
            assertThatThrownBy(() -> new BuildRequest(
                            Path.of("."),
                            Path.of("docker"),
                            List.of(),
                            prefix,
                            "g:a",
                            Map.of(),
                            1,
                            Rebuild.none(),
                            false))
                    .as(prefix)
                    .isInstanceOf(ConfigurationException.class)
                    .hasNoCause()
                    .hasMessage("imagePrefix (property berth.imagePrefix) '" + prefix + "' does not make valid image"
                            + " names: '" + prefix + "NAME' is no image reference; use lower case letters, digits,"
                            + " '.', '_', '-' and '/' (and a registry host with ':PORT' first), e.g."
                            + " registry.example.com:5000/team/");
        }
    }

    @Test
    void anImagePrefixWithRegistryAndNamespaceIsAccepted() {
        assertThatCode(() -> new BuildRequest(
                        Path.of("."),
                        Path.of("docker"),
                        List.of(),
                        "registry.example.com:5000/team/",
                        "g:a",
                        Map.of(),
                        1,
                        Rebuild.none(),
                        false))
                .doesNotThrowAnyException();
    }
}
