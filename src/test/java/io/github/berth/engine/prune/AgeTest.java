package io.github.berth.engine.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgeTest {

    @Test
    void readsEachUnit() {
        assertThat(Age.parse("45s", "olderThan")).isEqualTo(Duration.ofSeconds(45));
        assertThat(Age.parse("30m", "olderThan")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Age.parse("12h", "olderThan")).isEqualTo(Duration.ofHours(12));
        assertThat(Age.parse(" 7d ", "olderThan")).isEqualTo(Duration.ofDays(7));
        assertThat(Age.parse("2w", "olderThan")).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void blankMeansAnyAge() {
        assertThat(Age.parse("", "olderThan")).isEqualTo(Duration.ZERO);
        assertThat(Age.parse(null, "olderThan")).isEqualTo(Duration.ZERO);
    }

    @Test
    void refusesWhatIsNoAge() {
        assertThatThrownBy(() -> Age.parse("7 days", "olderThan of prune"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("olderThan of prune '7 days' is not an age; write a whole number and a unit: s, m, h, d"
                        + " or w, like 7d or 12h");
    }
}
