package io.github.berth.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import io.github.berth.engine.BerthException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Files out of containers, as tar streams. */
public final class DockerArchives {

    /** The mode bit of a symbolic link in the engine's path stat (Go's {@code os.ModeSymlink}). */
    private static final long MODE_SYMLINK = 1L << 27;

    private static final String STAT_HEADER = "X-Docker-Container-Path-Stat";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerEngine engine;

    public DockerArchives(DockerEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * Streams {@code path} out of container {@code id} as a tar archive, from a running or a stopped container. The
     * archive's entries are named after the last segment of {@code path}. When {@code path} is a symbolic link, the
     * archive holds that link alone, as Docker sends it; Podman would send what it points to. The caller closes the
     * stream.
     *
     * @param name the container's name, for messages
     * @return the archive, or empty when the container has no such path
     */
    public Optional<InputStream> copyOut(String id, String name, String path) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/containers/" + id + "/archive?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8))
                .build();
        DockerHttpClient.Response response;
        try {
            response = engine.http().execute(request);
        } catch (RuntimeException e) {
            throw new BerthException("Cannot copy " + path + " out of container " + name + ": " + Causes.root(e), e);
        }
        boolean handedOver = false;
        try {
            int status = response.getStatusCode();
            if (status == 404) {
                return Optional.empty();
            }
            if (status != 200) {
                throw new BerthException("Cannot copy " + path + " out of container " + name + ": HTTP " + status + ": "
                        + message(response));
            }
            Optional<String> link = linkTarget(response.getHeaders());
            if (link.isPresent()) {
                return Optional.of(linkAlone(path, link.get()));
            }
            handedOver = true;
            return Optional.of(new ClosingResponse(response));
        } catch (IOException e) {
            throw new BerthException("Cannot copy " + path + " out of container " + name + ": " + Causes.root(e), e);
        } finally {
            if (!handedOver) {
                response.close();
            }
        }
    }

    /** The engine's error message from a response's body, or the body itself. */
    private static String message(DockerHttpClient.Response response) throws IOException {
        String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            JsonNode message = JSON.readTree(body).path("message");
            return message.isTextual() ? message.asText() : body;
        } catch (IOException notJson) {
            return body;
        }
    }

    /** What the path links to, read from the engine's stat of it, or empty when it is no link. */
    private static Optional<String> linkTarget(Map<String, List<String>> headers) throws IOException {
        String encoded = headers.entrySet().stream()
                .filter(header -> header.getKey() != null && header.getKey().equalsIgnoreCase(STAT_HEADER))
                .flatMap(header -> header.getValue().stream())
                .findFirst()
                .orElse(null);
        if (encoded == null) {
            return Optional.empty();
        }
        JsonNode stat = JSON.readTree(Base64.getDecoder().decode(encoded.strip()));
        boolean link = (stat.path("mode").asLong() & MODE_SYMLINK) != 0;
        return link ? Optional.of(stat.path("linkTarget").asText("")) : Optional.empty();
    }

    /** A tar holding only the link {@code path} to {@code target}, named after the last segment of the path. */
    private static InputStream linkAlone(String path, String target) throws IOException {
        String trimmed = path.replaceAll("/+$", "");
        TarArchiveEntry entry =
                new TarArchiveEntry(trimmed.substring(trimmed.lastIndexOf('/') + 1), TarConstants.LF_SYMLINK);
        entry.setLinkName(target);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    /** The body of a response, which closes the response when it is closed. */
    private static final class ClosingResponse extends FilterInputStream {

        private final DockerHttpClient.Response response;

        ClosingResponse(DockerHttpClient.Response response) {
            super(response.getBody());
            this.response = response;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                response.close();
            }
        }
    }
}
