package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.berth.engine.Labels;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Finding the image a project's builder made, on the real Docker engine. */
class DockerImageLookupIT {

    private static DockerEngine engine;

    private final String project = "it:lookup-" + TestDocker.unique();
    private final String builder = "berth-test-lookup-" + TestDocker.unique();

    @BeforeAll
    static void connect() {
        engine = TestDocker.connect();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @AfterEach
    void removeImages() {
        TestDocker.removeImagesLabelled(engine, Map.of(Labels.PROJECT, project));
    }

    @Test
    void aBuildersImageIsTheOneItsLatestTagNamesEvenWhenANewerOneExists() throws Exception {
        Map<String, String> labels =
                Map.of(Labels.OWNER, Labels.OWNER_VALUE, Labels.PROJECT, project, Labels.BUILDER, builder);
        String current = TestDocker.busyboxImage(engine, labels, "RUN echo current > /made");
        // A build of a change that was then undone: newer, but no longer what the builder's files make.
        Thread.sleep(1100);
        String undone = TestDocker.busyboxImage(engine, labels, "RUN echo undone > /made");
        tag(current, "aaaaaaaaaaaa");
        tag(current, "latest");
        tag(undone, "bbbbbbbbbbbb");
        String currentId = idOf(current);
        // As build-images leaves them: tagged under the builder's name only.
        engine.client().removeImageCmd(current).exec();
        engine.client().removeImageCmd(undone).exec();

        String reference =
                new DockerImageLookup(engine).builtBy(builder, project).orElseThrow();

        // Named by its content's tag, which no other build of the builder moves as it may move latest.
        assertThat(reference).isEqualTo(builder + ":aaaaaaaaaaaa");
        assertThat(idOf(reference)).isEqualTo(currentId);
    }

    private void tag(String image, String tag) {
        engine.client().tagImageCmd(image, builder, tag).exec();
    }

    private static String idOf(String reference) {
        return engine.client().inspectImageCmd(reference).exec().getId();
    }
}
