package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.berth.engine.Labels;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerLabelsTest {

    @Test
    void narrowestIsTheFirstLabelByKeyThatIsNotTheOwnerMark() {
        Map<String, String> labels =
                Map.of(Labels.OWNER, Labels.OWNER_VALUE, Labels.PROJECT, "g:a", Labels.BUILDER, "api");

        assertThat(DockerLabels.narrowest(labels)).isEqualTo(Map.of(Labels.BUILDER, "api"));
    }

    @Test
    void narrowestIsTheOwnerMarkWhenThatIsAll() {
        assertThat(DockerLabels.narrowest(Map.of(Labels.OWNER, Labels.OWNER_VALUE)))
                .isEqualTo(Map.of(Labels.OWNER, Labels.OWNER_VALUE));
        assertThat(DockerLabels.narrowest(Map.of())).isEmpty();
    }

    @Test
    void carriesAllOfTheWantedLabelsOnly() {
        Map<String, String> wanted = Map.of("a", "1", "b", "2");

        assertThat(DockerLabels.carries(Map.of("a", "1", "b", "2", "c", "3"), wanted))
                .isTrue();
        assertThat(DockerLabels.carries(Map.of("a", "1"), wanted)).isFalse();
        assertThat(DockerLabels.carries(Map.of("a", "1", "b", "3"), wanted)).isFalse();
        assertThat(DockerLabels.carries(null, wanted)).isFalse();
        assertThat(DockerLabels.carries(null, Map.of())).isTrue();
    }
}
