package io.github.berth.engine.build;

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
}
