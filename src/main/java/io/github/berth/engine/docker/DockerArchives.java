package io.github.berth.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.github.berth.engine.BerthException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/** Files out of containers, as tar streams. */
public final class DockerArchives {

    private final DockerClient client;

    public DockerArchives(DockerEngine engine) {
        this.client = Objects.requireNonNull(engine, "engine").client();
    }

    /**
     * Streams {@code path} out of container {@code id} as a tar archive, from a running or a stopped container. The
     * archive's entries are named after the last segment of {@code path}. The caller closes the stream.
     *
     * @param name the container's name, for messages
     * @return the archive, or empty when the container has no such path
     */
    public Optional<InputStream> copyOut(String id, String name, String path) {
        try {
            return Optional.of(client.copyArchiveFromContainerCmd(id, path).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (DockerException e) {
            throw new BerthException("Cannot copy " + path + " out of container " + name + ": " + e.getMessage(), e);
        }
    }
}
