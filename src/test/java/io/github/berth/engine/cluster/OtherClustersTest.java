package io.github.berth.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtherClustersTest {

    @TempDir
    Path stateDirectory;

    @Test
    void warnsWhenOnlyAnotherClustersStateFileIsThere() throws IOException {
        Files.writeString(stateDirectory.resolve("shop-main.json"), "{}");
        Files.writeString(stateDirectory.resolve("made.properties"), "");

        assertThat(OtherClusters.warning(stateDirectory, "shop"))
                .contains("No state file of cluster shop in " + stateDirectory + ", but "
                        + stateDirectory.resolve("shop-main.json")
                        + " is there: start-cluster may have run under another <cluster><name>. Put <cluster><name>"
                        + " in the plugin's shared <configuration>, not in one execution, so every goal finds the"
                        + " same cluster");
    }

    @Test
    void saysNothingWhenTheClustersOwnStateFileIsThere() throws IOException {
        Files.writeString(stateDirectory.resolve("shop-main.json"), "{}");
        Files.writeString(stateDirectory.resolve("shop.json"), "{}");

        assertThat(OtherClusters.warning(stateDirectory, "shop")).isEmpty();
    }

    @Test
    void saysNothingWhenNoClusterRan() {
        assertThat(OtherClusters.warning(stateDirectory, "shop")).isEmpty();
        assertThat(OtherClusters.warning(stateDirectory.resolve("missing"), "shop"))
                .isEmpty();
    }
}
