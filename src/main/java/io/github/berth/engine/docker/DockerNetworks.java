package io.github.berth.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import io.github.berth.engine.BerthException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Creates, finds and removes the user-defined networks of clusters. */
public final class DockerNetworks {

    private final DockerClient client;

    public DockerNetworks(DockerEngine engine) {
        this.client = Objects.requireNonNull(engine, "engine").client();
    }

    /** Creates a bridge network called {@code name}; returns its id. */
    public String create(String name, Map<String, String> labels) {
        try {
            return client.createNetworkCmd()
                    .withName(name)
                    .withDriver("bridge")
                    .withLabels(labels)
                    .withCheckDuplicate(true)
                    .exec()
                    .getId();
        } catch (RuntimeException e) {
            throw new BerthException("Cannot create network " + name + ": " + Causes.said(e), e);
        }
    }

    /** The names of the networks that carry every one of {@code labels}. */
    public List<String> list(Map<String, String> labels) {
        return client.listNetworksCmd().withFilter("label", DockerLabels.filter(labels)).exec().stream()
                .filter(network -> DockerLabels.carries(network.getLabels(), labels))
                .map(Network::getName)
                .toList();
    }

    /**
     * Removes a network.
     *
     * @return false when it was gone already
     */
    public boolean remove(String idOrName) {
        try {
            client.removeNetworkCmd(idOrName).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw new BerthException(Causes.said(e), e);
        }
    }

    /** Whether the engine has a network called {@code name}. */
    public boolean exists(String name) {
        try {
            client.inspectNetworkCmd().withNetworkId(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
