package io.github.berth.engine.docker;

import io.github.berth.engine.BerthException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Creates, finds and removes the user-defined networks of clusters. */
public final class DockerNetworks {

    private static final int CREATE_ATTEMPTS = 3;

    private final DirectRequests direct;

    public DockerNetworks(DockerEngine engine) {
        this.direct =
                new DirectRequests(Objects.requireNonNull(engine, "engine").http());
    }

    /** Creates a bridge network called {@code name}; returns its id. */
    public String create(String name, Map<String, String> labels) {
        for (int attempt = 1; ; attempt++) {
            try {
                return direct.createNetwork(name, EngineJson.json(json -> {
                    json.writeStartObject();
                    json.writeStringField("Name", name);
                    json.writeStringField("Driver", "bridge");
                    json.writeBooleanField("CheckDuplicate", true);
                    EngineJson.writeStrings(json, "Labels", labels);
                    json.writeEndObject();
                }));
            } catch (IOException | RuntimeException e) {
                if (attempt < CREATE_ATTEMPTS && vanishedInterface(e)) {
                    continue;
                }
                throw new BerthException("Cannot create network " + name + ": " + Causes.said(e), e);
            }
        }
    }

    /**
     * Podman picks a free subnet by reading the addresses of every network interface of the host, and fails when one
     * goes away meanwhile, as when other containers stop; trying again then succeeds.
     */
    private static boolean vanishedInterface(Exception e) {
        return e.getMessage() != null && e.getMessage().contains("no such network interface");
    }

    /** The names of the networks that carry every one of {@code labels}. */
    public List<String> list(Map<String, String> labels) {
        try {
            return direct.networks(labels).entrySet().stream()
                    .filter(network -> DockerLabels.carries(network.getValue(), labels))
                    .map(Map.Entry::getKey)
                    .toList();
        } catch (IOException | RuntimeException e) {
            throw new BerthException("Cannot list the networks labelled " + labels + ": " + Causes.said(e), e);
        }
    }

    /**
     * Removes a network.
     *
     * @return false when it was gone already
     */
    public boolean remove(String idOrName) {
        try {
            return direct.removeNetwork(idOrName);
        } catch (IOException | RuntimeException e) {
            throw new BerthException("Cannot remove network " + idOrName + ": " + Causes.said(e), e);
        }
    }

    /** Whether the engine has a network called {@code name}. */
    public boolean exists(String name) {
        try {
            return direct.exists("/networks/" + DirectRequests.segment(name));
        } catch (IOException | RuntimeException e) {
            throw new BerthException("Cannot look for network " + name + ": " + Causes.said(e), e);
        }
    }
}
