package io.github.berth.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test support on the real engine: builds images from a directory, runs labelled containers and removes exactly what
 * a test made. Everything it makes is recorded and removed by {@link #close()}. Builds and containers run without a
 * network: none of them needs one.
 */
public final class TrackedDocker implements AutoCloseable {

    private final DockerEngine engine;
    private final List<String> containers = new ArrayList<>();
    private final List<String> images = new ArrayList<>();

    public TrackedDocker() {
        this.engine = TestDocker.connect();
    }

    public DockerEngine engine() {
        return engine;
    }

    /** A name no other test run uses: {@code prefix} and a random suffix. */
    public static String unique(String prefix) {
        return prefix + "-" + TestDocker.unique();
    }

    /** Builds the busybox image {@code FROM scratch} and records it for removal. */
    public String busyboxImage() {
        String tag = TestDocker.busyboxImage(engine, Map.of());
        images.add(tag);
        return tag;
    }

    /** Builds the context in {@code directory}, tags the image {@code tag}, and records it for removal by id. */
    public String build(Path directory, String tag, Map<String, String> labels) {
        String id = client().buildImageCmd(directory.toFile())
                .withDockerfile(new File(directory.toFile(), "Dockerfile"))
                .withTags(Set.of(tag))
                .withLabels(labels)
                .withPull(false)
                .withNetworkMode("none")
                .withRemove(true)
                .withForcerm(true)
                .start()
                .awaitImageId();
        String fullId = client().inspectImageCmd(id).exec().getId();
        images.add(fullId);
        return fullId;
    }

    /** Adds {@code reference} ({@code REPO:TAG}) to an image. */
    public void tag(String imageId, String reference) {
        int colon = reference.lastIndexOf(':');
        client().tagImageCmd(imageId, reference.substring(0, colon), reference.substring(colon + 1))
                .exec();
    }

    /** Creates a container labelled with {@code labels}, starts it when asked, and records it for removal. */
    public String container(String image, Map<String, String> labels, boolean start, String... command) {
        String id = client().createContainerCmd(image)
                .withName(unique("berth-it"))
                .withLabels(labels)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"))
                .withCmd(command)
                .exec()
                .getId();
        containers.add(id);
        if (start) {
            client().startContainerCmd(id).exec();
        }
        return id;
    }

    /** Waits until the container's output holds {@code text}. */
    public void awaitLog(String container, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (logs(container).contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Container " + container + " did not log '" + text + "' within " + timeout
                + "; its output:\n" + logs(container));
    }

    public String logs(String container) throws InterruptedException {
        StringBuilder out = new StringBuilder();
        client().logContainerCmd(container)
                .withStdOut(true)
                .withStdErr(true)
                .withTailAll()
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                })
                .awaitCompletion();
        return out.toString();
    }

    /** When the container's process ended, as the engine recorded it. */
    public Instant finishedAt(String container) {
        return Instant.parse(
                client().inspectContainerCmd(container).exec().getState().getFinishedAt());
    }

    public boolean running(String container) {
        return Boolean.TRUE.equals(
                client().inspectContainerCmd(container).exec().getState().getRunning());
    }

    public boolean imageExists(String reference) {
        try {
            client().inspectImageCmd(reference).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    public List<String> tagsOf(String imageId) {
        List<String> tags = client().inspectImageCmd(imageId).exec().getRepoTags();
        return tags == null ? List.of() : tags;
    }

    private List<String> reversedImages() {
        List<String> reversed = new ArrayList<>(images);
        Collections.reverse(reversed);
        return reversed;
    }

    private DockerClient client() {
        return engine.client();
    }

    /** Removes the containers, then the images, this instance made; what is already gone is skipped. */
    @Override
    public void close() {
        for (String container : containers) {
            try {
                client().removeContainerCmd(container)
                        .withForce(true)
                        .withRemoveVolumes(true)
                        .exec();
            } catch (NotFoundException e) {
                // already gone
            }
        }
        for (String image : reversedImages()) {
            try {
                client().removeImageCmd(image).withForce(true).exec();
            } catch (NotFoundException e) {
                // already gone
            }
        }
        engine.close();
    }
}
