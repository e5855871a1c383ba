package io.github.berth.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

    @TempDir
    Path directory;

    private final RecordingReporter reporter = new RecordingReporter();

    @Test
    void readsBackWhatItWrote() {
        StateFile file = new StateFile(directory, "demo");
        ClusterState state = state();

        file.write(state);

        assertThat(file.read(reporter)).contains(state);
    }

    @Test
    void writesThePropertiesForTests() throws Exception {
        StateFile file = new StateFile(directory, "demo");

        file.write(state());

        assertThat(Files.readString(directory.resolve("demo.json")))
                .contains("\"berth.api.url\" : \"http://127.0.0.1:32768\"");
    }

    @Test
    void leavesNoTemporaryFileBehind() throws Exception {
        new StateFile(directory, "demo").write(state());

        try (var files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("demo.json");
        }
    }

    @Test
    void setsACorruptFileAsideAndReportsIt() throws Exception {
        Files.writeString(directory.resolve("demo.json"), "{\"cluster\": \"demo\", \"services\": [");
        StateFile file = new StateFile(directory, "demo");

        assertThat(file.read(reporter)).isEmpty();

        assertThat(directory.resolve("demo.json.corrupt")).exists();
        assertThat(directory.resolve("demo.json")).doesNotExist();
        assertThat(reporter.warnings())
                .singleElement()
                .asString()
                .startsWith("Cluster state file " + directory.resolve("demo.json") + " is corrupt")
                .endsWith("finding the cluster by its labels instead");
    }

    @Test
    void aMissingFileIsNoState() {
        assertThat(new StateFile(directory, "demo").read(reporter)).isEmpty();
        assertThat(reporter.warnings()).isEmpty();
    }

    static ClusterState state() {
        return new ClusterState(
                "demo",
                "1a2b3c4d",
                "berth-demo-1a2b3c4d",
                List.of("demo-data-1a2b3c4d"),
                List.of(
                        new ServiceState("db", "f".repeat(64), "demo-db-1a2b3c4d", 0, "", "172.18.0.2", List.of()),
                        new ServiceState(
                                "api",
                                "e".repeat(64),
                                "demo-api-1a2b3c4d",
                                1,
                                "127.0.0.1",
                                "172.18.0.3",
                                List.of(new ServicePort(8080, 32768), new ServicePort(9090, 32769)))));
    }
}
