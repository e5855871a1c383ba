package io.github.berth.engine.cluster;

import io.github.berth.engine.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Notices a stop aimed at a cluster that never started while another one's state file waits beside it. */
public final class OtherClusters {

    private OtherClusters() {}

    /**
     * A warning when {@code stateDirectory} holds no state file for {@code cluster} but holds others, as when
     * start-cluster and stop-cluster were given different {@code <cluster><name>}s.
     */
    public static Optional<String> warning(Path stateDirectory, String cluster) {
        if (Files.exists(new StateFile(stateDirectory, cluster).path()) || !Files.isDirectory(stateDirectory)) {
            return Optional.empty();
        }
        List<Path> others;
        try (Stream<Path> files = Files.list(stateDirectory)) {
            others = files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new BerthException("Cannot list the cluster state files in " + stateDirectory + ": " + e, e);
        }
        if (others.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("No state file of cluster " + cluster + " in " + stateDirectory + ", but "
                + others.stream()
                        .map(Path::toString)
                        .reduce((a, b) -> a + ", " + b)
                        .orElseThrow()
                + " is there: start-cluster may have run under another <cluster><name>. Put <cluster><name> in the"
                + " plugin's shared <configuration>, not in one execution, so every goal finds the same cluster");
    }
}
