package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.cluster.PortSpec;
import io.github.berth.engine.cluster.ServiceSpec;
import io.github.berth.engine.cluster.VolumeSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The requests made without docker-java's client, on the real engine. */
class DirectRequestsIT {

    private DockerEngine engine;
    private DirectRequests queries;
    private String image;
    private final String mark = TestDocker.unique();

    @BeforeEach
    void setUp() {
        engine = TestDocker.connect();
        queries = new DirectRequests(engine.http());
        image = TestDocker.busyboxImage(engine, Map.of("io.github.berth.test.queries", mark, "with space", "a \"b\""));
    }

    @AfterEach
    void tearDown() {
        TestDocker.removeImage(engine, image);
        engine.close();
    }

    @Test
    void listsTheImagesWithALabelWithTheirTagsLabelsAndTime() throws Exception {
        List<ImageInfo> found = queries.images(Map.of("io.github.berth.test.queries", mark));

        assertThat(found).hasSize(1);
        ImageInfo info = found.get(0);
        assertThat(info.id()).startsWith("sha256:");
        assertThat(info.tags()).containsExactly(image);
        assertThat(info.labels())
                .containsEntry("with space", "a \"b\"")
                .containsEntry("io.github.berth.test.queries", mark);
        assertThat(info.created())
                .isBetween(
                        Instant.now().minus(Duration.ofMinutes(5)),
                        Instant.now().plusSeconds(5));
        assertThat(queries.images(Map.of("io.github.berth.test.queries", mark + "-other")))
                .isEmpty();
    }

    @Test
    void findsAnImagesIdByItsReferenceAndNothingForAnUnknownOne() throws Exception {
        String id = queries.images(Map.of("io.github.berth.test.queries", mark))
                .get(0)
                .id();

        assertThat(queries.imageId(image)).contains(id);
        assertThat(queries.imageId("berth-test-no-such-image-" + mark + ":1")).isEqualTo(Optional.empty());
        assertThat(queries.imageId("localhost:5999/berth/no-such-" + mark + ":1"))
                .isEmpty();
    }

    @Test
    void theEnginesRefusalCarriesItsStatusAndMessage() {
        assertThatThrownBy(() -> queries.imageId("Upper Case With Spaces"))
                .isInstanceOf(DirectRequests.EngineError.class)
                .hasMessageEndingWith("(HTTP 400)")
                .hasMessageContaining("invalid reference format");
    }

    @Test
    void listsAndRemovesNetworksAndVolumesByLabelAndSaysWhenOneWasGoneAlready() throws Exception {
        Map<String, String> labels = Map.of("io.github.berth.test.queries", mark);
        String name = "berth-test-direct-" + mark;
        new DockerNetworks(engine).create(name, labels);
        new DockerVolumes(engine).create(name, labels);

        assertThat(queries.networks(labels)).containsOnlyKeys(name).containsEntry(name, labels);
        assertThat(queries.volumes(labels)).containsOnlyKeys(name).containsEntry(name, labels);
        assertThat(queries.removeNetwork(name)).isTrue();
        assertThat(queries.removeVolume(name)).isTrue();
        assertThat(queries.removeNetwork(name)).isFalse();
        assertThat(queries.removeVolume(name)).isFalse();
        assertThat(queries.networks(labels)).isEmpty();
        assertThat(queries.volumes(labels)).isEmpty();
    }

    @Test
    void stopsAndRemovesAContainerAndSaysWhenThereWasNothingToDo() throws Exception {
        String container = engine.client()
                .createContainerCmd(image)
                .withName("berth-test-direct-" + mark)
                .withCmd("sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait")
                .exec()
                .getId();
        try {
            engine.client().startContainerCmd(container).exec();
            Map<String, String> own = Map.of("io.github.berth.test.image", image);

            assertThat(queries.containers(own)).singleElement().satisfies(c -> {
                assertThat(c.id()).isEqualTo(container);
                assertThat(c.name()).isEqualTo("berth-test-direct-" + mark);
                assertThat(c.state()).isEqualTo("running");
                assertThat(c.labels()).containsEntry("io.github.berth.test.queries", mark);
            });
            assertThat(queries.stopContainer(container, 5)).isTrue();
            assertThat(queries.containers(own))
                    .singleElement()
                    .satisfies(c -> assertThat(c.ended()).isTrue());
            assertThat(queries.stopContainer(container, 5)).isFalse();
            assertThat(engine.client()
                            .inspectContainerCmd(container)
                            .exec()
                            .getState()
                            .getExitCodeLong())
                    .isZero();
            assertThat(queries.removeContainer(container)).isTrue();
            assertThat(queries.removeContainer(container)).isFalse();
            assertThat(queries.stopContainer(container, 5)).isFalse();
        } finally {
            TestDocker.removeContainer(engine, container);
        }
    }

    @Test
    void aServiceContainerIsCreatedStartedAndDescribedAsConfigured() throws Exception {
        String network = "berth-test-direct-" + mark;
        new DockerNetworks(engine).create(network, Map.of("io.github.berth.test.queries", mark));
        DockerContainers containers = new DockerContainers(engine);
        ServiceSpec service = new ServiceSpec(
                "db",
                image,
                Map.of("GREETING", "hello there"),
                List.of("sh", "-c", "echo \"out $GREETING\"; sleep 0.3; echo err >&2; exec sleep 300"),
                List.of(),
                List.of(new PortSpec(80, 0, ""), new PortSpec(80, 0, "0.0.0.0")),
                List.of(new VolumeSpec(VolumeSpec.Kind.TMPFS, null, "/scratch", false)),
                List.of("database"),
                Map.of(),
                null,
                "/scratch",
                64L << 20,
                List.of(),
                List.of());
        String id = null;
        try {
            id = containers.create(
                    "berth-test-direct-" + mark,
                    image,
                    service,
                    network,
                    Map.of("io.github.berth.test.queries", mark),
                    Map.of());
            containers.start(id);
            containers.start(id);

            ContainerStatus status = containers.status(id, network).orElseThrow();
            assertThat(status.running()).isTrue();
            assertThat(status.ip()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            // One container port on two host ports, each chosen by the engine: both are described.
            assertThat(status.ports())
                    .extracting(ContainerStatus.PublishedPort::containerPort)
                    .containsExactly(80, 80);
            assertThat(status.ports())
                    .extracting(ContainerStatus.PublishedPort::hostPort)
                    .doesNotHaveDuplicates()
                    .allMatch(port -> port > 0);
            assertThat(queries.inspectContainer(id).orElseThrow().memoryLimit()).isEqualTo(64L << 20);
            var described = engine.client().inspectContainerCmd(id).exec();
            assertThat(described.getConfig().getEnv()).contains("GREETING=hello there");
            assertThat(described.getConfig().getWorkingDir()).isEqualTo("/scratch");
            assertThat(described.getNetworkSettings().getNetworks().get(network).getAliases())
                    .contains("db", "database");
            assertThat(described.getHostConfig().getPortBindings().getBindings().values())
                    .singleElement()
                    .satisfies(bindings -> assertThat(bindings).hasSize(2));
            String expected = "out hello there\nerr\n";
            DockerLogs logs = new DockerLogs(engine);
            Instant giveUp = Instant.now().plusSeconds(20);
            while (!TestDocker.outputOf(engine, id).equals(expected)
                    && Instant.now().isBefore(giveUp)) {
                Thread.sleep(20);
            }
            assertThat(TestDocker.outputOf(engine, id)).isEqualTo(expected);
            assertThat(logs.tail(id, 1)).containsExactly("err");
        } finally {
            if (id != null) {
                TestDocker.removeContainer(engine, id);
            }
            TestDocker.removeNetwork(engine, network);
        }
        assertThat(containers.status(id, network)).isEmpty();
        assertThat(TestDocker.outputOf(engine, id)).isEmpty();
        assertThat(new DockerLogs(engine).copyOutput(id, java.io.OutputStream.nullOutputStream()))
                .isFalse();
    }

    @Test
    void aContainerFromAMissingImageIsRefusedNamingTheService() {
        ServiceSpec service = new ServiceSpec(
                "web", "x", Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), null, null, 0,
                List.of(), List.of());

        assertThatThrownBy(() -> new DockerContainers(engine)
                        .create(
                                "berth-test-direct-" + mark,
                                "berth-test-no-such-image-" + mark + ":1",
                                service,
                                "bridge",
                                Map.of(),
                                Map.of()))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("service 'web'")
                .hasMessageContaining("No such image")
                .hasMessageContaining("(HTTP 404)");
    }

    @Test
    void aPingOfALiveEngineSucceeds() throws Exception {
        queries.ping();

        assertThat(engine.http()).isNotNull();
    }
}
