package io.github.berth.engine.cluster;

import io.github.berth.engine.build.Rebuild;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link ClusterStarter} is asked to start.
 *
 * @param cluster the cluster definition
 * @param identity the project, cluster name and folder that label everything started
 * @param stateDirectory where the state file goes, usually {@code target/berth}
 * @param keepOnFailure whether to keep the containers of a failed start for debugging
 * @param remake the services whose snapshots are made again even when one with the same key exists
 * @param builderDirectory the project's folder of builders ({@code docker/}): a service image that names one of its
 *     builders is never pulled; files {@code clobber.SERVICE} there force a service's snapshot to be made again, once
 * @param pull when the images of services that no builder makes are pulled
 */
public record StartRequest(
        ClusterSpec cluster,
        ClusterIdentity identity,
        Path stateDirectory,
        boolean keepOnFailure,
        Rebuild remake,
        Path builderDirectory,
        PullPolicy pull) {

    public StartRequest {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(remake, "remake");
        Objects.requireNonNull(builderDirectory, "builderDirectory");
        Objects.requireNonNull(pull, "pull");
    }

    /**
     * A request that makes snapshots only when they changed, with clobber files in the project's docker folder, and
     * pulls only missing images.
     */
    public StartRequest(ClusterSpec cluster, ClusterIdentity identity, Path stateDirectory, boolean keepOnFailure) {
        this(
                cluster,
                identity,
                stateDirectory,
                keepOnFailure,
                Rebuild.none(),
                Path.of(identity.directory()).resolve("docker"),
                PullPolicy.MISSING);
    }
}
