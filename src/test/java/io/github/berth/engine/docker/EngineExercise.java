package io.github.berth.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * A small round trip through an engine: build a busybox image FROM scratch (the context travels through the API), run
 * a container of it, read its output, and remove both.
 */
final class EngineExercise {

    private EngineExercise() {}

    /** Returns what a container printed for {@code echo text}. */
    static String buildAndRun(DockerEngine engine, Path workDir, String text) {
        return withContainer(engine, workDir, List.of("echo", text), (client, containerId) -> {
            client.startContainerCmd(containerId).exec();
            client.waitContainerCmd(containerId).start().awaitStatusCode(30, TimeUnit.SECONDS);
            return logs(client, containerId);
        });
    }

    /**
     * Runs a container whose shell takes {@code seconds} to end on SIGTERM, stops it through {@link DockerContainers}
     * with a grace longer than that, and returns its exit code: 0 when the stop waited for it.
     */
    static int stopOfASlowContainer(DockerEngine engine, Path workDir, int seconds) {
        List<String> command = List.of("sh", "-c", "trap 'sleep " + seconds + "; exit 0' TERM; sleep 300 & wait");
        return withContainer(engine, workDir, command, (client, containerId) -> {
            client.startContainerCmd(containerId).exec();
            new DockerContainers(engine).stop(containerId, Duration.ofSeconds(seconds + 20));
            return new DockerContainers(engine)
                    .status(containerId, "")
                    .orElseThrow()
                    .exitCode();
        });
    }

    /** Builds the busybox image, creates a container of it running {@code command}, uses it, and removes both. */
    private static <T> T withContainer(
            DockerEngine engine, Path workDir, List<String> command, BiFunction<DockerClient, String, T> use) {
        DockerClient client = engine.client();
        String name = "berth-exercise-" + UUID.randomUUID().toString().substring(0, 8);
        Path context = busyboxContext(workDir.resolve(name));
        String imageId = client.buildImageCmd(context.toFile())
                .withTags(Set.of(name + ":latest"))
                .withPull(false)
                .start()
                .awaitImageId(60, TimeUnit.SECONDS);
        try {
            String containerId = client.createContainerCmd(imageId)
                    .withName(name)
                    .withCmd(command)
                    .exec()
                    .getId();
            try {
                return use.apply(client, containerId);
            } finally {
                client.removeContainerCmd(containerId).withForce(true).exec();
            }
        } finally {
            client.removeImageCmd(imageId).withForce(true).exec();
        }
    }

    private static String logs(DockerClient client, String containerId) {
        StringBuilder out = new StringBuilder();
        try {
            client.logContainerCmd(containerId)
                    .withStdOut(true)
                    .withStdErr(true)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    })
                    .awaitCompletion(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the logs of " + containerId, e);
        }
        return out.toString();
    }

    static Path busyboxContext(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.copy(Path.of("/bin/busybox"), dir.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(
                    dir.resolve("Dockerfile"),
                    "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
