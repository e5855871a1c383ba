package io.github.berth.engine.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelInstructionTest {

    @Test
    void allLabelsGoIntoOneInstructionInKeyOrder() {
        String line = Dockerfile.labelInstruction(Map.of("io.b", "bench:app-1", "io.a", "0f3c"));

        assertThat(line).isEqualTo("LABEL \"io.a\"=\"0f3c\" \"io.b\"=\"bench:app-1\"\n");
    }

    @Test
    void valuesADockerfileWouldExpandOrSplitAreNotPlain() {
        assertThat(Dockerfile.plainLabel("io.a", "group.id:artifact-id")).isTrue();
        assertThat(Dockerfile.plainLabel("io.a", "$HOME")).isFalse();
        assertThat(Dockerfile.plainLabel("io.a", "two words")).isFalse();
        assertThat(Dockerfile.plainLabel("io.a", "say \"hi\"")).isFalse();
        assertThat(Dockerfile.plainLabel("io.a", "back\\slash")).isFalse();
        assertThat(Dockerfile.plainLabel("io.a", "")).isFalse();
    }

    @Test
    void aLabelThatIsNotPlainIsRefusedWithItsValue() {
        assertThatThrownBy(() -> Dockerfile.labelInstruction(Map.of("io.a", "$HOME")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("io.a=$HOME");
    }

    @Test
    void theEndingFollowsTheGeneratedDockerfileOnALineOfItsOwn() {
        BuildContext context = new BuildContext(List.of(
                ContextEntry.generated("Dockerfile", 0644, Dockerfile.bytes("FROM scratch")),
                ContextEntry.directory("www", 0755)));

        BuildContext ended = context.withDockerfileEnding("LABEL \"a\"=\"b\"\n");

        assertThat(new String(ended.entries().get(0).content(), StandardCharsets.UTF_8))
                .isEqualTo("FROM scratch\nLABEL \"a\"=\"b\"\n");
        assertThat(ended.names()).containsExactly("Dockerfile", "www");
        assertThat(new String(context.entries().get(0).content(), StandardCharsets.UTF_8))
                .isEqualTo("FROM scratch");
    }

    @Test
    void aContextWithoutAGeneratedDockerfileCannotTakeAnEnding() {
        BuildContext context = new BuildContext(List.of(ContextEntry.directory("www", 0755)));

        assertThatThrownBy(() -> context.withDockerfileEnding("LABEL \"a\"=\"b\"\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no generated Dockerfile");
    }
}
