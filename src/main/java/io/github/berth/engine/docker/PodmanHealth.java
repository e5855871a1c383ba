package io.github.berth.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Runs a container's health check on Podman, which leaves the schedule of health checks to systemd timers: on a machine
 * without systemd a container's health stays "starting" for ever unless someone runs its check. Docker runs its checks
 * itself, so this does nothing there.
 */
final class PodmanHealth {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PodmanHealth() {}

    /**
     * @return the health the check reports ("healthy", "unhealthy", "starting"), or empty on Docker, for a container
     *     without a health check, or when the answer says nothing
     */
    static Optional<String> check(DockerEngine engine, String containerId) {
        if (!engine.isPodman()) {
            return Optional.empty();
        }
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/v4.0.0/libpod/containers/" + containerId + "/healthcheck")
                .build();
        try (DockerHttpClient.Response response = engine.http().execute(request)) {
            if (response.getStatusCode() != 200) {
                return Optional.empty();
            }
            JsonNode answer = JSON.readTree(response.getBody());
            JsonNode status = answer == null ? null : answer.get("Status");
            return status != null && status.isTextual() ? Optional.of(status.asText()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Podman's answer to the health check of " + containerId, e);
        }
    }
}
