package io.github.berth.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {

    @Test
    void readsDurationsWithAndWithoutUnits() {
        assertThat(ConfigValues.duration("500ms", "x")).isEqualTo(Duration.ofMillis(500));
        assertThat(ConfigValues.duration("30s", "x")).isEqualTo(Duration.ofSeconds(30));
        assertThat(ConfigValues.duration(" 2m ", "x")).isEqualTo(Duration.ofMinutes(2));
        assertThat(ConfigValues.duration("45", "x")).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void namesOfAListAreTrimmedAndEmptyOnesDropped() {
        assertThat(ConfigValues.names(Arrays.asList(" app", null, "", "db "))).containsExactly("app", "db");
        assertThat(ConfigValues.names(null)).isEmpty();
    }

    @Test
    void refusesADurationItCannotRead() {
        assertThatThrownBy(() -> ConfigValues.duration("soon", "service 'db' <readiness><tcp><timeout>"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("service 'db' <readiness><tcp><timeout> 'soon' is not a duration; write e.g. 500ms, 30s,"
                        + " 2m or 1h");
    }

    @Test
    void refusesADurationLongerThanADayEvenWhenItWouldOverflow() {
        for (String value : List.of("25h", "1441m", "99999999999999999999h", "2562047788015216h", "86400001ms")) {
            assertThatThrownBy(() -> ConfigValues.duration(value, "<cluster><deadline>"))
                    .as(value)
                    .isInstanceOf(ConfigurationException.class)
                    .hasNoCause()
                    .hasMessage("<cluster><deadline> '" + value
                            + "' is longer than a day; write a duration from 0s up to 24h");
        }
    }

    @Test
    void readsADayAndLeadingZeros() {
        assertThat(ConfigValues.duration("24h", "x")).isEqualTo(Duration.ofDays(1));
        assertThat(ConfigValues.duration("0000000000000000000000030s", "x")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsSizes() {
        assertThat(ConfigValues.bytes("64m", "x")).isEqualTo(64L << 20);
        assertThat(ConfigValues.bytes("1g", "x")).isEqualTo(1L << 30);
        assertThat(ConfigValues.bytes("512KB", "x")).isEqualTo(512L << 10);
        assertThat(ConfigValues.bytes("1000", "x")).isEqualTo(1000L);
    }

    @Test
    void refusesASizeItCannotRead() {
        assertThatThrownBy(() -> ConfigValues.bytes("lots", "service 'db' <memory>"))
                .hasMessage("service 'db' <memory> 'lots' is not a size; write e.g. 64m or 1g");
    }

    @Test
    void readsAStatusOrARange() {
        assertThat(ConfigValues.statusRange("204", "x")).containsExactly(204, 204);
        assertThat(ConfigValues.statusRange("200-299", "x")).containsExactly(200, 299);
    }

    @Test
    void refusesAStatusItCannotRead() {
        assertThatThrownBy(() -> ConfigValues.statusRange("OK", "service 'api' <readiness><http><status>"))
                .hasMessage("service 'api' <readiness><http><status> 'OK' is not an HTTP status or range; write e.g."
                        + " 200 or 200-299");
    }
}
