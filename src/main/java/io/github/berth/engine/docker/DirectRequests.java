package io.github.berth.engine.docker;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Requests made straight through the transport, written and read with Jackson's streaming parser: those a build with
 * nothing to do makes (a ping, the image list, an image's id) and those of a cluster's start and stop (creating,
 * starting, inspecting, stopping and removing containers, networks and volumes, and reading their output). Such goals
 * then never load docker-java's client, its object mapper and its hundreds of model and command classes.
 */
final class DirectRequests {

    private final DockerHttpClient http;

    DirectRequests(DockerHttpClient http) {
        this.http = http;
    }

    /**
     * Asks whether the engine answers.
     *
     * @return whether the engine is Podman's Docker-compatible service: its answer names Podman's own API version
     * @throws IOException naming the HTTP status and the engine's words when it answers with anything but 200
     */
    boolean ping() throws IOException {
        try (DockerHttpClient.Response response = get("/_ping")) {
            String body = new String(response.getBody().readNBytes(4096), StandardCharsets.UTF_8);
            if (response.getStatusCode() != 200) {
                throw new IOException("HTTP " + response.getStatusCode() + ": " + body.strip());
            }
            return response.getHeaders().keySet().stream().anyMatch("Libpod-Api-Version"::equalsIgnoreCase);
        }
    }

    /**
     * The images carrying the label filter {@code labels}, as the engine lists them.
     *
     * @throws EngineError when the engine refuses
     */
    List<ImageInfo> images(Map<String, String> labels) throws IOException {
        return objects("/images/json?filters=" + encode(EngineJson.labelFilter(labels)), EngineJson::image);
    }

    /**
     * The id of the image {@code reference} names, if the engine has it.
     *
     * @throws EngineError when the engine refuses for any other reason than not having it
     */
    Optional<String> imageId(String reference) throws IOException {
        try (DockerHttpClient.Response response = get("/images/" + pathSegments(reference) + "/json")) {
            if (response.getStatusCode() == 404) {
                return Optional.empty();
            }
            try (JsonParser parser = jsonOf(response)) {
                return Optional.of(ImageNames.id(EngineJson.id(parser)
                        .orElseThrow(
                                () -> new IOException("the engine described image " + reference + " without an Id"))));
            }
        }
    }

    /**
     * The containers, running or not, carrying the label filter {@code labels}.
     *
     * @throws EngineError when the engine refuses
     */
    List<ContainerSummary> containers(Map<String, String> labels) throws IOException {
        return objects(
                "/containers/json?all=1&filters=" + encode(EngineJson.labelFilter(labels)), EngineJson::container);
    }

    /** Reads the JSON array of objects that {@code path} answers, each with {@code element}. */
    private <T> List<T> objects(String path, JsonElement<T> element) throws IOException {
        try (DockerHttpClient.Response response = get(path);
                JsonParser parser = jsonOf(response)) {
            EngineJson.expect(parser, JsonToken.START_ARRAY);
            List<T> objects = new ArrayList<>();
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                objects.add(element.read(parser));
            }
            return objects;
        }
    }

    /** Reads one object, its opening brace already read, up to its closing one. */
    @FunctionalInterface
    private interface JsonElement<T> {
        T read(JsonParser parser) throws IOException;
    }

    /**
     * The networks carrying the label filter {@code labels}, by name with their labels.
     *
     * @throws EngineError when the engine refuses
     */
    Map<String, Map<String, String>> networks(Map<String, String> labels) throws IOException {
        try (DockerHttpClient.Response response = get("/networks?filters=" + encode(EngineJson.labelFilter(labels)))) {
            try (JsonParser parser = jsonOf(response)) {
                EngineJson.expect(parser, JsonToken.START_ARRAY);
                return EngineJson.namesAndLabels(parser);
            }
        }
    }

    /**
     * The volumes carrying the label filter {@code labels}, by name with their labels.
     *
     * @throws EngineError when the engine refuses
     */
    Map<String, Map<String, String>> volumes(Map<String, String> labels) throws IOException {
        try (DockerHttpClient.Response response = get("/volumes?filters=" + encode(EngineJson.labelFilter(labels)))) {
            try (JsonParser parser = jsonOf(response)) {
                EngineJson.expect(parser, JsonToken.START_OBJECT);
                Map<String, Map<String, String>> volumes = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    if (parser.nextToken() == JsonToken.START_ARRAY && field.equals("Volumes")) {
                        volumes.putAll(EngineJson.namesAndLabels(parser));
                    } else {
                        parser.skipChildren();
                    }
                }
                return volumes;
            }
        }
    }

    /**
     * Sends SIGTERM, waits {@code graceSeconds}, then kills.
     *
     * @return false when the container was not running or is gone
     * @throws EngineError when the engine refuses for another reason
     */
    boolean stopContainer(String id, long graceSeconds) throws IOException {
        return accepted(send("POST", "/containers/" + encode(id) + "/stop?t=" + graceSeconds), 304, 404);
    }

    /**
     * Resumes a paused container.
     *
     * @return false when the container is gone
     * @throws EngineError when the engine refuses, as for a container that is not paused
     */
    boolean unpauseContainer(String id) throws IOException {
        return accepted(send("POST", "/containers/" + encode(id) + "/unpause"), 404);
    }

    /**
     * Removes a container, running or not, with its anonymous volumes.
     *
     * @return false when it was gone already
     */
    boolean removeContainer(String id) throws IOException {
        return accepted(send("DELETE", "/containers/" + encode(id) + "?force=1&v=1"), 404);
    }

    /** @return false when the network was gone already */
    boolean removeNetwork(String idOrName) throws IOException {
        return accepted(send("DELETE", "/networks/" + encode(idOrName)), 404);
    }

    /** @return false when the volume was gone already */
    boolean removeVolume(String name) throws IOException {
        return accepted(send("DELETE", "/volumes/" + encode(name)), 404);
    }

    /**
     * Creates a container called {@code name} from {@code config}, the engine's JSON container configuration.
     *
     * @return its id
     * @throws EngineError when the engine refuses, e.g. the image is missing or the name taken
     */
    String createContainer(String name, byte[] config) throws IOException {
        return idOf(post("/containers/create?name=" + encode(name), config), "container " + name);
    }

    /**
     * Starts a created container.
     *
     * @return false when it was running already
     * @throws EngineError when the engine refuses, e.g. a host port is taken
     */
    boolean startContainer(String id) throws IOException {
        return accepted(send("POST", "/containers/" + encode(id) + "/start"), 304);
    }

    /**
     * What the engine says of container {@code id} now.
     *
     * @return empty when the container is gone
     */
    Optional<ContainerInspection> inspectContainer(String id) throws IOException {
        try (DockerHttpClient.Response response = get("/containers/" + encode(id) + "/json")) {
            if (response.getStatusCode() == 404) {
                return Optional.empty();
            }
            try (JsonParser parser = jsonOf(response)) {
                return Optional.of(ContainerInspection.read(parser));
            }
        }
    }

    /**
     * Opens the output of container {@code id}, stdout and stderr together in the engine's framing.
     *
     * @param tail how many of the last lines, or -1 for all
     * @param follow whether the answer goes on with what the container writes until it ends
     * @return the open answer, to be read with {@link LogFrames} and closed; empty when the container is gone
     */
    Optional<DockerHttpClient.Response> logs(String id, int tail, boolean follow) throws IOException {
        DockerHttpClient.Response response = get("/containers/" + encode(id) + "/logs?stdout=1&stderr=1"
                + (follow ? "&follow=1" : "") + (tail >= 0 ? "&tail=" + tail : ""));
        int status = response.getStatusCode();
        if (status == 200) {
            return Optional.of(response);
        }
        try (response) {
            if (status == 404) {
                return Optional.empty();
            }
            throw EngineError.of(status, response.getBody());
        }
    }

    /**
     * Opens the engine's stream of the events of containers carrying {@code labels}: one JSON object an event, for as
     * long as the answer is read.
     *
     * @return the open answer, to be closed
     * @throws EngineError when the engine refuses
     */
    DockerHttpClient.Response containerEvents(Map<String, String> labels) throws IOException {
        DockerHttpClient.Response response = get("/events?filters=" + encode(EngineJson.containerEventFilter(labels)));
        if (response.getStatusCode() / 100 == 2) {
            return response;
        }
        try (response) {
            throw EngineError.of(response.getStatusCode(), response.getBody());
        }
    }

    /**
     * Creates a network from {@code config}, the engine's JSON network configuration.
     *
     * @return its id
     */
    String createNetwork(String name, byte[] config) throws IOException {
        return idOf(post("/networks/create", config), "network " + name);
    }

    /** Creates a volume from {@code config}, the engine's JSON volume configuration. */
    void createVolume(byte[] config) throws IOException {
        accepted(post("/volumes/create", config));
    }

    /**
     * Whether the engine has the object at {@code path}, such as {@code /networks/NAME}.
     *
     * @throws EngineError when the engine refuses for any other reason than not having it
     */
    boolean exists(String path) throws IOException {
        try (DockerHttpClient.Response response = get(path)) {
            int status = response.getStatusCode();
            if (status == 404) {
                return false;
            }
            if (status / 100 != 2) {
                throw EngineError.of(status, response.getBody());
            }
            return true;
        }
    }

    /** A path's segment for {@code name}, percent-encoded where a path needs it. */
    static String segment(String name) {
        return encode(name).replace("+", "%20");
    }

    /** Reads the Id of what a creating request made. */
    private static String idOf(DockerHttpClient.Response response, String made) throws IOException {
        try (response;
                JsonParser parser = jsonOf(response)) {
            return EngineJson.id(parser)
                    .orElseThrow(() -> new IOException("the engine created " + made + " but gave no Id for it"));
        }
    }

    /** True for a 2xx answer, false for one of {@code meaningNothingToDo}; an {@link EngineError} for the rest. */
    private static boolean accepted(DockerHttpClient.Response response, int... meaningNothingToDo) throws IOException {
        try (response) {
            int status = response.getStatusCode();
            if (status / 100 == 2) {
                return true;
            }
            for (int nothing : meaningNothingToDo) {
                if (status == nothing) {
                    return false;
                }
            }
            throw EngineError.of(status, response.getBody());
        }
    }

    private static JsonParser jsonOf(DockerHttpClient.Response response) throws IOException {
        if (response.getStatusCode() / 100 != 2) {
            throw EngineError.of(response.getStatusCode(), response.getBody());
        }
        return EngineJson.FACTORY.createParser(response.getBody());
    }

    private DockerHttpClient.Response get(String path) {
        return send("GET", path);
    }

    private DockerHttpClient.Response post(String path, byte[] json) {
        return http.execute(DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path(path)
                .putHeader("Content-Type", "application/json")
                .bodyBytes(json)
                .build());
    }

    private DockerHttpClient.Response send(String method, String path) {
        return http.execute(DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.valueOf(method))
                .path(path)
                .build());
    }

    /** An image reference as path segments: each part between slashes percent-encoded where the path needs it. */
    static String pathSegments(String reference) {
        List<String> segments = new ArrayList<>();
        for (String segment : reference.split("/", -1)) {
            segments.add(encode(segment).replace("+", "%20").replace("%3A", ":").replace("%40", "@"));
        }
        return String.join("/", segments);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** An engine's refusal: its HTTP status and its message. */
    static final class EngineError extends IOException {

        private final int status;

        private EngineError(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }

        static EngineError of(int status, InputStream body) throws IOException {
            String text = new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8).strip();
            String message = text;
            try (JsonParser parser = EngineJson.FACTORY.createParser(text)) {
                if (parser.nextToken() == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String field = parser.currentName();
                        parser.nextToken();
                        if (field.equals("message")) {
                            message = parser.getText();
                        }
                        parser.skipChildren();
                    }
                }
            } catch (IOException e) {
                // Not JSON: the text itself is the message.
            }
            return new EngineError(status, message + " (HTTP " + status + ")");
        }
    }
}
