package io.github.berth.engine.build;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvisionTest {

    @Test
    void nameDockerRefusesIsNamed() {
        assertThatThrownBy(() -> new Provision("Tools!", "base", List.of("true"), List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Provisioned image name 'Tools!'");
    }

    @Test
    void missingStartImageIsNamed() {
        assertThatThrownBy(() -> new Provision("tools", " ", List.of("true"), List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Provisioned image tools has no <from>");
    }

    @Test
    void missingCommandIsNamed() {
        assertThatThrownBy(() -> new Provision("tools", "base", List.of(), List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Provisioned image tools has no <command>");
    }
}
