package io.github.berth.engine.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.ConfigurationException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuildFailuresTest {

    private static final Map<String, Set<String>> DEPENDENCIES = Map.of(
            "base", Set.of(),
            "tools", Set.of(),
            "app", Set.of("base"),
            "site", Set.of("app"),
            "all", Set.of("site", "tools"));

    @Test
    void nothingNotMadeIsNoFailure() {
        assertThat(new BuildFailures(DEPENDENCIES, "p-").failure()).isEmpty();
    }

    @Test
    void aLoneFailureIsThrownAsItIs() {
        BuildFailures failures = new BuildFailures(DEPENDENCIES, "p-");
        ConfigurationException broken = new ConfigurationException("Image p-base failed");

        failures.notMade("base", broken);

        assertThat(failures.failure()).containsSame(broken);
    }

    @Test
    void eachImageHeldBackNamesTheFailedImagesItWaitedOnAndThoseBetween() {
        BuildFailures failures = new BuildFailures(DEPENDENCIES, "p-");
        ConfigurationException base = new ConfigurationException("Image p-base failed");
        ConfigurationException tools = new ConfigurationException("Image p-tools failed");

        failures.notMade("base", base);
        failures.notMade("tools", tools);
        failures.notMade("app", base);
        failures.notMade("site", base);
        failures.notMade("all", base);

        RuntimeException failure = failures.failure().orElseThrow();

        assertThat(failure)
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("2 images failed to build:\nImage p-base failed\nImage p-tools failed\n"
                        + "Image p-app was not built: it waits on image p-base, which failed\n"
                        + "Image p-site was not built: it waits, through p-app, on image p-base, which failed\n"
                        + "Image p-all was not built: it waits, through p-app and p-site, on images p-base and"
                        + " p-tools, which failed")
                .hasCause(base);
        assertThat(failure.getSuppressed()).containsExactly(tools);
    }

    @Test
    void aFailureOfTheEngineMakesTheWholeAFailureOfTheEngine() {
        BuildFailures failures = new BuildFailures(DEPENDENCIES, "");
        BerthException base = new BerthException("Image base could not be sent");

        failures.notMade("base", base);
        failures.notMade("app", base);

        assertThat(failures.failure().orElseThrow())
                .isExactlyInstanceOf(BerthException.class)
                .hasMessage("Image base could not be sent\nImage app was not built: it waits on image base, which"
                        + " failed");
    }
}
