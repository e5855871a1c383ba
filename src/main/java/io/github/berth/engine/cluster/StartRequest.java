package io.github.berth.engine.cluster;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link ClusterStarter} is asked to start.
 *
 * @param cluster the cluster definition
 * @param identity the project, cluster name and folder that label everything started
 * @param stateDirectory where the state file goes, usually {@code target/berth}
 * @param keepOnFailure whether to keep the containers of a failed start for debugging
 */
public record StartRequest(ClusterSpec cluster, ClusterIdentity identity, Path stateDirectory, boolean keepOnFailure) {

    public StartRequest {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
    }
}
