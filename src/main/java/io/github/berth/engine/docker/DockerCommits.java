package io.github.berth.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.transport.DockerHttpClient;
import io.github.berth.engine.BerthException;
import io.github.berth.engine.Holders;
import io.github.berth.engine.Labels;
import io.github.berth.engine.UndoOnExit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** Makes images from containers: runs a command in a fresh container and commits it, or commits a stopped one. */
public final class DockerCommits {

    /** How long a container's output may still arrive after it has ended. */
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(5);

    private final DockerEngine engine;
    private final DockerHttpClient http;

    public DockerCommits(DockerEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.http = engine.http();
    }

    /** docker-java's client, made on first use: a build without provisioning does without it. */
    private DockerClient client() {
        return engine.client();
    }

    /**
     * Runs {@code run}'s command in a new container, streaming its output line by line, and commits the container as
     * {@code repository:latest} when the command exits with 0. The container and its volume are removed whatever
     * happens; a failed command leaves no image.
     *
     * @return the committed image's id
     * @throws CommandFailedException when the command exits with another code
     */
    public String runAndCommit(CommandRun run, Consumer<String> output) {
        InspectImageResponse start = inspect(run.startImage());
        removeAbandoned(run.labels());
        Map<String, String> held = Holders.held(run.labels());
        String suffix = randomSuffix();
        String volume = "berth-" + safe(run.name()) + "-" + suffix;
        String container = null;
        AtomicReference<String> created = new AtomicReference<>();
        // Ctrl-C or a CI job's SIGTERM while the command runs: its container and volume go before Maven ends.
        try (UndoOnExit undo = new UndoOnExit("berth-undo-" + volume, () -> {
            Optional.ofNullable(created.get()).ifPresent(this::removeContainer);
            removeVolume(volume);
        })) {
            client().createVolumeCmd().withName(volume).withLabels(held).exec();
            container = client().createContainerCmd(run.startImage())
                    .withName(volume)
                    .withLabels(held)
                    // The command is all entrypoint: a container's command would pass to an image committed from it
                    // whose start image has none of its own.
                    .withEntrypoint(run.command())
                    .withCmd(List.of())
                    .withHostConfig(HostConfig.newHostConfig()
                            .withMounts(List.of(new Mount()
                                    .withType(MountType.VOLUME)
                                    .withSource(volume)
                                    .withTarget(run.volumeAt()))))
                    .exec()
                    .getId();
            created.set(container);
            copyFiles(run, container);
            client().startContainerCmd(container).exec();
            BuildLog log = new BuildLog();
            int exitCode = followToExit(container, log, output);
            log.flush().forEach(output);
            if (exitCode != 0) {
                throw new CommandFailedException(run.name(), exitCode, log.lastLines());
            }
            return commit(container, run.repository(), run.labels(), start.getConfig());
        } catch (DockerException e) {
            throw new BerthException(
                    "Running the command of " + run.name() + " in image " + run.startImage() + " on "
                            + engine.endpoint() + " failed: " + Causes.root(e),
                    e);
        } finally {
            if (container != null) {
                removeContainer(container);
            }
            removeVolume(volume);
        }
    }

    /**
     * Commits the stopped container {@code container} as {@code repository:latest}, keeping its configuration and
     * adding {@code labels}.
     *
     * @return the new image's id
     */
    public String commit(String container, String repository, Map<String, String> labels) {
        return commit(container, repository, labels, null);
    }

    /** How many layers image {@code reference} has. */
    public int layers(String reference) {
        InspectImageResponse image = inspect(reference);
        return image.getRootFS() == null || image.getRootFS().getLayers() == null
                ? 0
                : image.getRootFS().getLayers().size();
    }

    private InspectImageResponse inspect(String reference) {
        try {
            return client().inspectImageCmd(reference).exec();
        } catch (NotFoundException e) {
            throw new BerthException(
                    "The Docker engine at " + engine.endpoint() + " has no image " + reference
                            + "; build or pull it first",
                    e);
        }
    }

    private void copyFiles(CommandRun run, String container) {
        try (ContextPipe pipe = ContextPipe.start(run.name(), run.files())) {
            try {
                client().copyArchiveToContainerCmd(container)
                        .withRemotePath("/")
                        .withTarInputStream(pipe.input())
                        .exec();
            } catch (RuntimeException e) {
                pipe.rethrowFailure();
                throw e;
            }
            pipe.rethrowFailure();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException("Interrupted while copying the files of " + run.name(), e);
        }
    }

    /**
     * Passes on the container's output until it has ended, and returns its exit code. The output stream is given
     * {@link #OUTPUT_DRAIN} after the exit to end on its own: Podman sometimes keeps it open when the container ends
     * just as it is asked for.
     */
    private int followToExit(String container, BuildLog log, Consumer<String> output) {
        try (var callback = client().logContainerCmd(container)
                .withStdOut(true)
                .withStdErr(true)
                .withFollowStream(true)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        log.append(new String(frame.getPayload(), StandardCharsets.UTF_8))
                                .forEach(output);
                    }
                })) {
            int exitCode = exitCode(container);
            callback.awaitCompletion(OUTPUT_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
            return exitCode;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException("Interrupted while following the output of container " + container, e);
        } catch (IOException e) {
            throw new BerthException("Cannot follow the output of container " + container, e);
        }
    }

    private int exitCode(String container) {
        try {
            return client().waitContainerCmd(container).start().awaitStatusCode();
        } catch (DockerException e) {
            throw new BerthException("Cannot learn how container " + container + " ended: " + Causes.root(e), e);
        }
    }

    /**
     * Commits through the engine's API directly: docker-java's commit command cannot set the entrypoint, and without
     * it the image would keep the command that made it.
     *
     * @param keep the configuration whose entrypoint and command the image gets, or {@code null} for the container's
     */
    private String commit(String container, String repository, Map<String, String> labels, ContainerConfig keep) {
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.set("Labels", Json.MAPPER.valueToTree(labels));
        if (keep != null) {
            // An empty entrypoint stays empty; a missing one would become the container's.
            config.set(
                    "Entrypoint",
                    Json.MAPPER.valueToTree(keep.getEntrypoint() == null ? new String[0] : keep.getEntrypoint()));
            config.set("Cmd", Json.MAPPER.valueToTree(keep.getCmd()));
        }
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path("/commit?container=" + encode(container) + "&repo=" + encode(repository)
                        + "&tag=latest&pause=false" + (engine.isPodman() ? changes(config) : ""))
                .putHeader("Content-Type", "application/json")
                .body(new ByteArrayInputStream(config.toString().getBytes(StandardCharsets.UTF_8)))
                .build();
        try (DockerHttpClient.Response response = http.execute(request)) {
            String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
            if (response.getStatusCode() / 100 != 2) {
                throw new BerthException("Committing container " + container + " as " + repository + " on "
                        + engine.endpoint() + " failed: HTTP " + response.getStatusCode() + ": " + body.strip());
            }
            return ImageNames.id(Json.MAPPER.readTree(body).path("Id").asText());
        } catch (IOException e) {
            throw new BerthException(
                    "Committing container " + container + " as " + repository + " failed: " + Causes.root(e), e);
        }
    }

    /**
     * Removes the containers and volumes of earlier runs with {@code labels} whose build was killed on this host before
     * it could remove them; those of builds still running, here or elsewhere, stay.
     */
    private void removeAbandoned(Map<String, String> labels) {
        client().listContainersCmd().withShowAll(true).withLabelFilter(labels).exec().stream()
                .filter(found -> abandoned(found.getLabels(), labels))
                .forEach(found -> removeContainer(found.getId()));
        List<InspectVolumeResponse> volumes = client().listVolumesCmd()
                .withFilter("label", DockerLabels.filter(labels))
                .exec()
                .getVolumes();
        if (volumes != null) {
            volumes.stream()
                    .filter(found -> abandoned(found.getLabels(), labels))
                    .forEach(found -> removeVolume(found.getName()));
        }
    }

    /** Whether an object carrying {@code found} has every one of {@code labels} and a holder that was killed. */
    private static boolean abandoned(Map<String, String> found, Map<String, String> labels) {
        return found != null && DockerLabels.carries(found, labels) && Holders.abandoned(found.get(Labels.HOLDER));
    }

    /**
     * The configuration as Dockerfile instructions in {@code changes} parameters: Podman's Docker-compatible service
     * ignores the configuration in the body of a commit.
     */
    private static String changes(ObjectNode config) {
        StringBuilder changes = new StringBuilder();
        config.path("Labels")
                .fields()
                .forEachRemaining(label -> changes.append("&changes=")
                        .append(encode("LABEL " + label.getKey() + "="
                                + Json.MAPPER.valueToTree(label.getValue().asText()))));
        for (String instruction : List.of("Entrypoint", "Cmd")) {
            JsonNode value = config.get(instruction);
            if (value != null && !value.isNull()) {
                changes.append("&changes=").append(encode(instruction.toUpperCase(Locale.ROOT) + " " + value));
            }
        }
        return changes.toString();
    }

    private void removeContainer(String id) {
        try {
            client().removeContainerCmd(id)
                    .withForce(true)
                    .withRemoveVolumes(true)
                    .exec();
        } catch (NotFoundException e) {
            // gone already
        }
    }

    private void removeVolume(String name) {
        try {
            client().removeVolumeCmd(name).exec();
        } catch (NotFoundException e) {
            // gone already, or never made
        }
    }

    private static String safe(String name) {
        return name.replaceAll("[^a-zA-Z0-9_.-]", "-");
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Jackson's mapper, made when a commit first needs it. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
