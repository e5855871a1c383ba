package io.github.berth.engine.prune;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PruneRequestTest {

    @Test
    void refusesANegativeKeep() {
        assertThatThrownBy(() -> new PruneRequest("g:a", -1, Duration.ZERO, ""))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("keep of prune is -1; set it to 0 or more (the number of newest images kept per builder)");
    }
}
