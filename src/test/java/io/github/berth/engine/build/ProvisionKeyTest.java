package io.github.berth.engine.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvisionKeyTest {

    @Test
    void sameInputsGiveTheSameKey() throws IOException {
        assertThat(key("sha256:1", List.of("sh", "-c", "make"), "v1"))
                .isEqualTo(key("sha256:1", List.of("sh", "-c", "make"), "v1"));
    }

    @Test
    void changedProvidedFileGivesANewKey() throws IOException {
        assertThat(key("sha256:1", List.of("make"), "v2")).isNotEqualTo(key("sha256:1", List.of("make"), "v1"));
    }

    @Test
    void newStartImageGivesANewKey() throws IOException {
        assertThat(key("sha256:2", List.of("make"), "v1")).isNotEqualTo(key("sha256:1", List.of("make"), "v1"));
    }

    @Test
    void argumentsSplitDifferentlyGiveDifferentKeys() throws IOException {
        assertThat(key("sha256:1", List.of("a", "b c"), "v1")).isNotEqualTo(key("sha256:1", List.of("a b", "c"), "v1"));
    }

    private static String key(String startId, List<String> command, String content) throws IOException {
        BuildContext provided = new BuildContext(List.of(
                ContextEntry.directory("extra", 0755),
                ContextEntry.generated("extra/version.txt", 0644, content.getBytes(StandardCharsets.UTF_8))));
        return ProvisionKey.of("tools", startId, new Provision("tools", "base", command, List.of()), provided);
    }
}
