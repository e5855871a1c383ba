package io.github.berth.engine.docker;

import io.github.berth.engine.BerthException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Creates, finds and removes the named volumes of clusters. */
public final class DockerVolumes {

    private final DirectRequests direct;

    public DockerVolumes(DockerEngine engine) {
        this.direct =
                new DirectRequests(Objects.requireNonNull(engine, "engine").http());
    }

    public void create(String name, Map<String, String> labels) {
        try {
            direct.createVolume(EngineJson.json(json -> {
                json.writeStartObject();
                json.writeStringField("Name", name);
                EngineJson.writeStrings(json, "Labels", labels);
                json.writeEndObject();
            }));
        } catch (IOException | RuntimeException e) {
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
            return direct.exists("/volumes/" + DirectRequests.segment(name));
        } catch (IOException | RuntimeException e) {
            throw new BerthException("Cannot look for volume " + name + ": " + Causes.said(e), e);
        }
    }
}
