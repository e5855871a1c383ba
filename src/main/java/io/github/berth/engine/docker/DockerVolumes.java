package io.github.berth.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.github.berth.engine.BerthException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Creates, finds and removes the named volumes of clusters. */
public final class DockerVolumes {

    private final DockerClient client;

    public DockerVolumes(DockerEngine engine) {
        this.client = Objects.requireNonNull(engine, "engine").client();
    }

    public void create(String name, Map<String, String> labels) {
        try {
            client.createVolumeCmd().withName(name).withLabels(labels).exec();
        } catch (RuntimeException e) {
            throw new BerthException("Cannot create volume " + name + ": " + Causes.said(e), e);
        }
    }

    /** The names of the volumes that carry every one of {@code labels}. */
    public List<String> list(Map<String, String> labels) {
        List<InspectVolumeResponse> volumes = client.listVolumesCmd()
                .withFilter("label", DockerLabels.filter(labels))
                .exec()
                .getVolumes();
        return volumes == null
                ? List.of()
                : volumes.stream()
                        .filter(volume -> DockerLabels.carries(volume.getLabels(), labels))
                        .map(InspectVolumeResponse::getName)
                        .toList();
    }

    /**
     * Removes a volume.
     *
     * @return false when it was gone already
     */
    public boolean remove(String name) {
        try {
            client.removeVolumeCmd(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw new BerthException(Causes.said(e), e);
        }
    }

    /** Whether the engine has a volume called {@code name}. */
    public boolean exists(String name) {
        try {
            client.inspectVolumeCmd(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
