package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.HealthCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Podman's Docker-compatible service, found through {@code DOCKER_HOST=unix://...}, in a folder of the test's own. */
class PodmanIT {

    private static TestEngine podman;

    @TempDir
    Path work;

    private final RecordingReporter reporter = new RecordingReporter();

    @BeforeAll
    static void startPodman() {
        podman = TestEngine.podman();
    }

    @AfterAll
    static void stopPodman() {
        if (podman != null) {
            podman.close();
        }
    }

    @Test
    void connectsThroughDockerHost() {
        DockerEndpoint endpoint =
                new EndpointResolver(Map.of("DOCKER_HOST", podman.socket().toString()), work).resolve(null, null);

        try (DockerEngine engine = DockerEngine.connect(endpoint, reporter)) {

            assertThat(engine.serverVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
            assertThat(engine.isPodman()).isTrue();
            assertThat(engine.endpoint().isLocal()).isTrue();
        }
        assertThat(reporter.lines).containsExactly("DEBUG Docker engine: " + podman.socket() + " from DOCKER_HOST");
    }

    @Test
    void buildsAndRunsAContainer() {
        DockerEndpoint endpoint = new DockerEndpoint(podman.socket(), false, null, "test");

        try (DockerEngine engine = DockerEngine.connect(endpoint, reporter)) {

            assertThat(EngineExercise.buildAndRun(engine, work, "hello from podman"))
                    .isEqualTo("hello from podman\n");
        }
    }

    @Test
    void healthCheckRunsAlthoughPodmanSchedulesNoneWithoutSystemd() throws InterruptedException {
        DockerEndpoint endpoint = new DockerEndpoint(podman.socket(), false, null, "test");
        try (DockerEngine engine = DockerEngine.connect(endpoint, reporter)) {
            String image = TestDocker.busyboxImage(engine, Map.of());
            String id = engine.client()
                    .createContainerCmd(image)
                    .withCmd("sleep", "60")
                    .withHealthcheck(new HealthCheck()
                            .withTest(List.of("CMD-SHELL", "test -e /ready"))
                            .withInterval(Duration.ofSeconds(1).toNanos()))
                    .exec()
                    .getId();
            engine.client().startContainerCmd(id).exec();
            DockerContainers containers = new DockerContainers(engine);
            String before = containers.status(id, "none").orElseThrow().health();

            // Podman refuses to start an exec that attaches no stream; Docker runs it detached.
            String exec = engine.client()
                    .execCreateCmd(id)
                    .withCmd("touch", "/ready")
                    .withAttachStdout(true)
                    .exec()
                    .getId();
            engine.client().execStartCmd(exec).start().awaitCompletion(10, TimeUnit.SECONDS);

            assertThat(before).isNotEqualTo("healthy");
            assertThat(containers.status(id, "none").orElseThrow().health()).isEqualTo("healthy");
        }
    }
}
