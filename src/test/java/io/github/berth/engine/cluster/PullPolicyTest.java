package io.github.berth.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import org.junit.jupiter.api.Test;

class PullPolicyTest {

    @Test
    void readsThePoliciesInAnyCase() {
        assertThat(PullPolicy.parse("missing")).isEqualTo(PullPolicy.MISSING);
        assertThat(PullPolicy.parse(" Always ")).isEqualTo(PullPolicy.ALWAYS);
        assertThat(PullPolicy.parse("NEVER")).isEqualTo(PullPolicy.NEVER);
    }

    @Test
    void anUnknownPolicyNamesTheParameterAndTheChoices() {
        assertThatThrownBy(() -> PullPolicy.parse("if-not-present"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("<pull> (berth.pull) is 'if-not-present', which is not a pull policy; use one of"
                        + " missing, always, never");
        assertThatThrownBy(() -> PullPolicy.parse(" "))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("<pull> (berth.pull) is empty; use one of missing, always, never");
    }
}
