package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void aPingOfALiveEngineSucceeds() throws Exception {
        queries.ping();

        assertThat(engine.http()).isNotNull();
    }
}
