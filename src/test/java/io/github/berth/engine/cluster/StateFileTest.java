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
    void writesOneFieldPerLineWithThePropertiesLast() throws Exception {
        new StateFile(directory, "demo")
                .write(new ClusterState(
                        "demo",
                        "1a2b3c4d",
                        "berth-demo-1a2b3c4d",
                        List.of(),
                        List.of(new ServiceState(
                                "db",
                                "f".repeat(8),
                                "demo-db",
                                0,
                                "127.0.0.1",
                                "172.18.0.2",
                                List.of(new ServicePort(5432, 32768))))));

        assertThat(Files.readString(directory.resolve("demo.json"))).isEqualTo("""
                        {
                          "cluster" : "demo",
                          "runId" : "1a2b3c4d",
                          "network" : "berth-demo-1a2b3c4d",
                          "volumes" : [ ],
                          "services" : [ {
                            "name" : "db",
                            "containerId" : "ffffffff",
                            "containerName" : "demo-db",
                            "rank" : 0,
                            "host" : "127.0.0.1",
                            "ip" : "172.18.0.2",
                            "ports" : [ {
                              "containerPort" : 5432,
                              "hostPort" : 32768
                            } ]
                          } ],
                          "properties" : {
                            "berth.db.id" : "ffffffff",
                            "berth.db.ip" : "172.18.0.2",
                            "berth.db.host" : "127.0.0.1",
                            "berth.db.port" : "32768",
                            "berth.db.url" : "http://127.0.0.1:32768",
                            "berth.db.port.5432" : "32768"
                          }
                        }""");
    }

    @Test
    void fieldsItDoesNotKnowAreSkipped() throws Exception {
        Files.writeString(directory.resolve("demo.json"), """
                {"comment": {"by": ["someone", {"deep": null}]}, "cluster": "demo", "runId": "r1",
                 "network": "net", "volumes": ["v"], "services": [{"name": "db", "containerId": "abc",
                 "containerName": "demo-db", "rank": 2, "extra": [1, 2], "ports": [{"containerPort": 80,
                 "hostPort": 8080, "protocol": "tcp"}]}], "properties": {"berth.db.id": "abc"}}
                """);

        assertThat(new StateFile(directory, "demo").read(reporter))
                .contains(new ClusterState(
                        "demo",
                        "r1",
                        "net",
                        List.of("v"),
                        List.of(new ServiceState(
                                "db", "abc", "demo-db", 2, "", "", List.of(new ServicePort(80, 8080))))));
        assertThat(reporter.warnings()).isEmpty();
    }

    @Test
    void aNullListIsAnEmptyOne() throws Exception {
        Files.writeString(directory.resolve("demo.json"), """
                {"cluster": "demo", "runId": "r1", "network": "net", "volumes": null,
                 "services": [{"name": "db", "containerId": "abc", "containerName": "demo-db", "ports": null}]}
                """);
        Files.writeString(
                directory.resolve("other.json"),
                "{\"cluster\": \"other\", \"runId\": \"r2\", \"network\": \"n\", \"services\": null}");

        assertThat(new StateFile(directory, "demo").read(reporter))
                .contains(new ClusterState(
                        "demo",
                        "r1",
                        "net",
                        List.of(),
                        List.of(new ServiceState("db", "abc", "demo-db", 0, "", "", List.of()))));
        assertThat(new StateFile(directory, "other").read(reporter))
                .contains(new ClusterState("other", "r2", "n", List.of(), List.of()));
        assertThat(reporter.warnings()).isEmpty();
    }

    @Test
    void aFileOfAnotherShapeIsCorrupt() throws Exception {
        for (String text : List.of(
                "[]",
                "{\"cluster\": \"demo\", \"runId\": \"r\", \"network\": \"n\", \"services\": \"db\"}",
                "{\"cluster\": \"demo\", \"runId\": \"r\", \"network\": \"n\", \"services\": [{\"name\": \"db\"}]}",
                "{\"cluster\": \"demo\", \"runId\": \"r\", \"network\": \"n\", \"services\": [{\"name\": \"db\","
                        + " \"containerId\": \"a\", \"containerName\": \"b\", \"rank\": \"first\"}]}",
                "{\"runId\": \"r\", \"network\": \"n\"}")) {
            Files.writeString(directory.resolve("demo.json"), text);

            assertThat(new StateFile(directory, "demo").read(reporter)).as(text).isEmpty();
            assertThat(directory.resolve("demo.json.corrupt")).as(text).exists();
        }
        assertThat(reporter.warnings()).hasSize(5);
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
