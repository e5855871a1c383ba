package io.github.berth.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.transport.DockerHttpClient;
import io.github.berth.engine.BerthException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Images of one Docker engine: find, build, import, tag and remove them. */
public final class DockerImages {

    private final DockerEngine engine;
    private final DockerHttpClient http;
    private final DirectRequests queries;

    public DockerImages(DockerEngine engine) {
        this.engine = engine;
        this.http = engine.http();
        this.queries = new DirectRequests(http);
    }

    /** docker-java's client, made on first use: finding that nothing needs building does without it. */
    private DockerClient client() {
        return engine.client();
    }

    /** The images carrying all of {@code labels}, newest first. */
    public List<ImageInfo> findByLabels(Map<String, String> labels) {
        try {
            return queries.images(DockerLabels.narrowest(labels)).stream()
                    .filter(image -> DockerLabels.carries(image.labels(), labels))
                    .sorted(Comparator.comparing(ImageInfo::created).reversed())
                    .toList();
        } catch (IOException | RuntimeException e) {
            throw new BerthException(
                    "Cannot list the images labelled " + labels + " on " + engine.endpoint() + ": " + Causes.said(e),
                    e);
        }
    }

    /** The id of the image {@code reference} names, if the engine has it. */
    public Optional<String> idOf(String reference) {
        try {
            return queries.imageId(reference);
        } catch (IOException | RuntimeException e) {
            throw new BerthException(
                    "Cannot inspect image " + reference + " on " + engine.endpoint() + ": " + Causes.said(e), e);
        }
    }

    /**
     * When image {@code id} was made, to the nanosecond as the engine records it; image lists give whole seconds only.
     */
    public Instant createdOf(String id) {
        try {
            String created = client().inspectImageCmd(id).exec().getCreated();
            return created == null ? Instant.EPOCH : Instant.parse(created);
        } catch (DockerException | DateTimeParseException e) {
            throw new BerthException(
                    "Cannot read when image " + id + " was made on " + engine.endpoint() + ": " + e.getMessage(), e);
        }
    }

    /** The labels of image {@code reference}, if the engine has it. */
    public Optional<Map<String, String>> labelsOf(String reference) {
        try {
            Map<String, String> labels =
                    client().inspectImageCmd(reference).exec().getConfig().getLabels();
            return Optional.of(labels == null ? Map.of() : Map.copyOf(labels));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (DockerException e) {
            throw new BerthException(
                    "Cannot inspect image " + reference + " on " + engine.endpoint() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Pulls {@code image} with {@code credentials}' entry for its registry, as {@link DockerPulls#pull} does.
     *
     * @param progress receives one line per layer and step, never a secret
     */
    public void pull(ImageReference image, RegistryCredentials credentials, Consumer<String> progress) {
        new DockerPulls(engine, credentials).pull(image, progress);
    }

    /**
     * Builds an image from a context that {@code context} writes while the engine reads it.
     *
     * @param output receives each line of build output as it arrives
     * @throws BuildStepException when a step of the build fails
     * @throws BerthException when the context cannot be written or the engine cannot be reached
     */
    public BuildOutcome build(ImageBuildSpec spec, ContextSource context, Consumer<String> output) {
        try (ContextPipe pipe = ContextPipe.start(spec.name(), context)) {
            BuildCallback callback = new BuildCallback(output);
            BuildImageCmd command = client().buildImageCmd()
                    .withTarInputStream(pipe.input())
                    .withTags(spec.tags())
                    .withLabels(spec.labels())
                    .withPull(false)
                    .withNoCache(spec.noCache())
                    .withRemove(true)
                    .withForcerm(true);
            spec.buildArgs().forEach(command::withBuildArg);
            try {
                command.exec(callback).awaitCompletion();
            } catch (RuntimeException e) {
                // docker-java's own exceptions, and the transport's when the context could not be sent
                pipe.rethrowFailure();
                throw new BerthException(
                        "Building image " + spec.name() + " on " + engine.endpoint() + " failed: " + Causes.root(e), e);
            }
            pipe.rethrowFailure();
            callback.checkSucceeded();
            String reference = spec.tags().iterator().next();
            String id = idOf(reference)
                    .orElseThrow(() -> new BerthException("The engine at " + engine.endpoint() + " built image "
                            + spec.name() + " but has no " + reference + "; see the engine's log"));
            return new BuildOutcome(id, pipe.bytesSent());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException("Interrupted while building image " + spec.name(), e);
        }
    }

    /**
     * Imports a root file system tarball as an image, like {@code docker import}.
     *
     * @param tarball the uncompressed tar stream; the import fails when reading it throws
     * @param labels labels for the new image
     * @return the new image's id
     */
    public String importTarball(InputStream tarball, String repository, String tag, Map<String, String> labels) {
        String reference = repository + ":" + tag;
        StringBuilder changes = new StringBuilder();
        labels.forEach(
                (key, value) -> changes.append("&changes=").append(encode("LABEL " + key + "=\"" + value + "\"")));
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                // The tag goes with the repository: Podman ignores a separate tag parameter when importing.
                .path("/images/create?fromSrc=-&repo=" + encode(reference) + changes)
                .putHeader("Content-Type", "application/x-tar")
                .body(tarball)
                .build();
        // docker-java's own import command sends its stream as JSON, so the request is made here.
        try (DockerHttpClient.Response response = http.execute(request)) {
            String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
            String error = importError(response.getStatusCode(), body);
            if (error != null) {
                throw new BerthException(
                        "Importing image " + reference + " into " + engine.endpoint() + " failed: " + error);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BerthException berth) {
                throw berth;
            }
            throw new BerthException(
                    "Importing image " + reference + " into " + engine.endpoint() + " failed: " + Causes.root(e), e);
        }
        return idOf(reference)
                .orElseThrow(() -> new BerthException("The engine at " + engine.endpoint() + " reported no image "
                        + reference + " after importing it; see the engine's log"));
    }

    /** The error an import response reports, or {@code null}. */
    private static String importError(int status, String body) throws IOException {
        if (status / 100 != 2) {
            return "HTTP " + status + ": " + body.strip();
        }
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                JsonNode message = new ObjectMapper().readTree(line);
                if (message.hasNonNull("error")) {
                    return message.get("error").asText();
                }
            }
        }
        return null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Adds the reference {@code repository:tag} to image {@code id}. */
    public void tag(String id, String repository, String tag) {
        try {
            client().tagImageCmd(id, repository, tag).withForce(true).exec();
        } catch (DockerException e) {
            throw new BerthException(
                    "Cannot tag image " + ImageInfo.shortId(id) + " as " + repository + ":" + tag + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** Removes the image or reference; one already gone counts as removed. */
    public void remove(String reference) {
        try {
            client().removeImageCmd(reference).withForce(true).exec();
        } catch (NotFoundException e) {
            // Already gone: that is what was asked for.
        } catch (DockerException e) {
            throw new BerthException("Cannot remove image " + reference + ": " + e.getMessage(), e);
        }
    }

    /** Collects the build's output lines, the current step and the outcome. */
    private static final class BuildCallback extends ResultCallback.Adapter<BuildResponseItem> {

        private final Consumer<String> output;
        private final BuildLog log = new BuildLog();

        BuildCallback(Consumer<String> output) {
            this.output = output;
        }

        @Override
        public void onNext(BuildResponseItem item) {
            if (item.getStream() != null) {
                log.append(item.getStream()).forEach(output);
            }
            if (item.isErrorIndicated()) {
                String error =
                        item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                                ? item.getErrorDetail().getMessage()
                                : item.getError();
                log.fail(error);
            }
        }

        void checkSucceeded() {
            log.flush().forEach(output);
            log.throwIfFailed();
        }
    }
}
