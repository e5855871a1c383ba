package io.github.berth.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.github.berth.engine.BerthException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Creates, finds and removes the named volumes of clusters. */
public final class DockerVolumes {

    private final DockerEngine engine;
    private final DirectRequests direct;

    public DockerVolumes(DockerEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.direct = new DirectRequests(engine.http());
    }

    /** docker-java's client, made on first use: finding and removing volumes does without it. */
    private DockerClient client() {
        return engine.client();
    }

    public void create(String name, Map<String, String> labels) {
        try {
            client().createVolumeCmd().withName(name).withLabels(labels).exec();
        } catch (RuntimeException e) {
            throw new BerthException("Cannot create volume " + name + ": " + Causes.said(e), e);
        }
    }

    /** The names of the volumes that carry every one of {@code labels}. */
    public List<String> list(Map<String, String> labels) {
        try {
            return direct.volumes(labels).entrySet().stream()
                    .filter(volume -> DockerLabels.carries(volume.getValue(), labels))
                    .map(Map.Entry::getKey)
                    .toList();
        } catch (IOException | RuntimeException e) {
            throw new BerthException("Cannot list the volumes labelled " + labels + ": " + Causes.said(e), e);
        }
    }

    /**
     * Removes a volume.
     *
     * @return false when it was gone already
     */
    public boolean remove(String name) {
        try {
            return direct.removeVolume(name);
        } catch (IOException | RuntimeException e) {
            throw new BerthException("Cannot remove volume " + name + ": " + Causes.said(e), e);
        }
    }

    /** Whether the engine has a volume called {@code name}. */
    public boolean exists(String name) {
        try {
            client().inspectVolumeCmd(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
