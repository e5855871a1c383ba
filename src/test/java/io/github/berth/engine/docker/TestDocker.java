package io.github.berth.engine.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import io.github.berth.engine.Reporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The real engine for tests, and a busybox image built there from this machine's busybox. The engine is the one the
 * environment names ({@code DOCKER_HOST} or {@code /var/run/docker.sock}), unless the system property
 * {@value #ENGINE_PROPERTY} is {@code podman}: then it is a Podman of this test run's own, started on first use and
 * stopped when the JVM exits.
 */
public final class TestDocker {

    /** The system property that selects the engine the tests run on: {@code podman}, or unset for Docker. */
    public static final String ENGINE_PROPERTY = "berth.test.engine";

    private static TestEngine podman;

    private TestDocker() {}

    public static DockerEngine connect() {
        return DockerEngine.connect(endpoint(), Reporter.silent());
    }

    /** The endpoint of the engine the tests run on. */
    public static synchronized DockerEndpoint endpoint() {
        String engine = System.getProperty(ENGINE_PROPERTY, "");
        if (engine.equals("podman")) {
            if (podman == null) {
                podman = TestEngine.podman();
            }
            return podman.endpoint();
        }
        if (!engine.isEmpty()) {
            throw new IllegalArgumentException(
                    "Unknown test engine '" + engine + "' in -D" + ENGINE_PROPERTY + "; use podman, or leave it unset");
        }
        return EndpointResolver.fromSystem().resolve(null, null);
    }

    /** A suffix that keeps this test's names apart from every other test's on the shared engine. */
    /** The container's whole output so far, stdout and stderr together; empty when it is gone. */
    public static String outputOf(DockerEngine engine, String id) {
        StringBuilder text = new StringBuilder();
        new DockerLogs(engine).readOutput(id, text::append);
        return text.toString();
    }

    public static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Builds an image {@code FROM scratch} holding busybox and its applets; returns its tag.
     *
     * @param instructions further Dockerfile lines
     */
    public static String busyboxImage(DockerEngine engine, Map<String, String> labels, String... instructions) {
        String tag = "berth-test-busybox-" + unique() + ":latest";
        Path context = null;
        try {
            context = Files.createTempDirectory("berth-busybox");
            Files.copy(Path.of("/bin/busybox"), context.resolve("busybox"));
            Files.writeString(
                    context.resolve("Dockerfile"),
                    "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\",\"--install\",\"-s\",\"/bin\"]\n"
                            + String.join("\n", instructions) + "\n");
            engine.client()
                    .buildImageCmd(context.toFile())
                    .withTags(Set.of(tag))
                    // The build needs no network; the engine's default bridge is not involved then.
                    .withNetworkMode("none")
                    // Layers cached from other builds on the shared engine may be removed while this one uses them.
                    .withNoCache(true)
                    .withLabels(withOwnId(labels, tag))
                    .start()
                    .awaitImageId();
            return tag;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(context);
        }
    }

    /**
     * The labels plus one naming this image alone: the engine would otherwise give every test image of the same
     * content one id, and whoever removes that id by force removes the images of every other test as well.
     */
    private static Map<String, String> withOwnId(Map<String, String> labels, String tag) {
        Map<String, String> own = new java.util.HashMap<>(labels);
        own.put("io.github.berth.test.image", tag);
        return own;
    }

    public static void removeImage(DockerEngine engine, String tag) {
        if (tag == null) {
            return;
        }
        try {
            engine.client().removeImageCmd(tag).withForce(true).exec();
        } catch (NotFoundException e) {
            // gone already
        }
    }

    /** Containers, networks and volumes that carry all of {@code labels}, described for an assertion message. */
    public static List<String> objectsLabelled(DockerEngine engine, Map<String, String> labels) {
        List<String> found = new ArrayList<>();
        new DockerContainers(engine).list(labels).forEach(c -> found.add("container " + c.name()));
        new DockerNetworks(engine).list(labels).forEach(n -> found.add("network " + n));
        new DockerVolumes(engine).list(labels).forEach(v -> found.add("volume " + v));
        return found;
    }

    /** Removes everything that carries all of {@code labels}: only what one test made, as its labels are unique. */
    public static void removeLabelled(DockerEngine engine, Map<String, String> labels) {
        DockerContainers containers = new DockerContainers(engine);
        containers.list(labels).forEach(c -> containers.remove(c.id()));
        DockerVolumes volumes = new DockerVolumes(engine);
        volumes.list(labels).forEach(volumes::remove);
        DockerNetworks networks = new DockerNetworks(engine);
        networks.list(labels).forEach(networks::remove);
    }

    /**
     * Removes every image that carries all of {@code labels}, children before the images they are made on: the list
     * orders images of the same second at random, and a parent cannot go before its child.
     */
    public static void removeImagesLabelled(DockerEngine engine, Map<String, String> labels) {
        DockerImages images = new DockerImages(engine);
        List<ImageInfo> left = new ArrayList<>(images.findByLabels(labels));
        RuntimeException last = null;
        for (int round = 0; round < 10 && !left.isEmpty(); round++) {
            last = null;
            for (var it = left.iterator(); it.hasNext(); ) {
                try {
                    images.remove(it.next().id());
                    it.remove();
                } catch (RuntimeException e) {
                    last = e;
                }
            }
        }
        if (last != null) {
            throw last;
        }
    }

    /** Starts a container of {@code image} on {@code network}, outside of any cluster; returns its id. */
    public static String startOn(DockerEngine engine, String image, String network) {
        String id = engine.client()
                .createContainerCmd(image)
                .withName("berth-test-intruder-" + unique())
                .withCmd("sleep", "300")
                .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig()
                        .withNetworkMode(network))
                .exec()
                .getId();
        engine.client().startContainerCmd(id).exec();
        return id;
    }

    public static void pauseContainer(DockerEngine engine, String id) {
        engine.client().pauseContainerCmd(id).exec();
    }

    public static void removeContainer(DockerEngine engine, String id) {
        new DockerContainers(engine).remove(id);
    }

    public static void removeNetwork(DockerEngine engine, String name) {
        new DockerNetworks(engine).remove(name);
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
