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

    private static final int CREATE_ATTEMPTS = 3;

    private final DockerClient client;

    public DockerNetworks(DockerEngine engine) {
        this.client = Objects.requireNonNull(engine, "engine").client();
    }

    /** Creates a bridge network called {@code name}; returns its id. */
    public String create(String name, Map<String, String> labels) {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.createNetworkCmd()
                        .withName(name)
                        .withDriver("bridge")
                        .withLabels(labels)
                        .withCheckDuplicate(true)
                        .exec()
                        .getId();
            } catch (RuntimeException e) {
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
    private static boolean vanishedInterface(RuntimeException e) {
        return e.getMessage() != null && e.getMessage().contains("no such network interface");
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
