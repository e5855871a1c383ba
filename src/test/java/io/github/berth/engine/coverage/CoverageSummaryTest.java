package io.github.berth.engine.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.cluster.ClusterIdentity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoverageSummaryTest {

    private static final Path OUT = Path.of("/p/target/berth/coverage");
    private static final Path MERGED = Path.of("/p/target/jacoco-it.exec");
    private static final Path EXEC = Path.of("api/jacoco.exec");

    @Test
    void claimsNoMergeWhenTheOnlyDataFileWasUnreadable() {
        CoverageResult result =
                new CoverageResult(List.of("api"), List.of(), List.of(), List.of(EXEC), List.of(EXEC), null, 0, 0);

        assertThat(CoverageSummary.of(result, request(Map.of()), 1_500_000_000L))
                .isEqualTo("Collected coverage of 1 of 1 service (1 file) into " + OUT
                        + "; merged no JaCoCo data: the only file found is unreadable in 1.5 s");
    }

    @Test
    void countsOnlyTheDataFilesThatWereMerged() {
        CoverageResult result = new CoverageResult(
                List.of("api", "web"),
                List.of(),
                List.of(),
                List.of(EXEC, Path.of("web/jacoco.exec")),
                List.of(EXEC, Path.of("web/jacoco.exec")),
                MERGED,
                1,
                3);

        assertThat(CoverageSummary.of(result, request(Map.of()), 0))
                .isEqualTo("Collected coverage of 2 of 2 services (2 files) into " + OUT + "; merged 1 JaCoCo data file"
                        + " into " + MERGED + " (3 classes), left 1 unreadable out in 0.0 s");
    }

    @Test
    void refusesACoverageDirectoryOfAServiceTheClusterDoesNotHave() {
        CoverageRequest request = request(Map.of("evl", "/x", "evil", "/y"));

        assertThatThrownBy(() -> request.checkDirectoriesName(Set.of("evil", "db")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("coverageDirectories names evl, which is no service of cluster 'shop' (services found: db,"
                        + " evil); rename the element after a service");
    }

    private static CoverageRequest request(Map<String, String> directories) {
        return new CoverageRequest(
                new ClusterIdentity("p", "shop", "/p"),
                Path.of("/p/target/berth"),
                List.of(),
                "/coverage",
                directories,
                OUT,
                MERGED,
                Duration.ofSeconds(10));
    }
}
