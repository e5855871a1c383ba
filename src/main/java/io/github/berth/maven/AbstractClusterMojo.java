package io.github.berth.maven;

import io.github.berth.engine.cluster.ClusterIdentity;
import java.io.File;
import org.apache.maven.plugins.annotations.Parameter;

/** What start-cluster and stop-cluster share: the cluster definition and where its state lives. */
abstract class AbstractClusterMojo extends AbstractBerthMojo {

    /**
     * The cluster: its {@code <name>} (default: the artifactId), {@code <deadline>} (default {@code 120s}) and
     * {@code <services>}. stop-cluster only reads the name.
     *
     * @since 0.1.0
     */
    @Parameter
    protected ClusterConfig cluster;

    /**
     * Where the cluster's state file {@code CLUSTER.json} and the services' logs go.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.directory}/berth", readonly = true, required = true)
    protected File stateDirectory;

    protected String clusterName() {
        return cluster == null ? project.getArtifactId() : cluster.name(project.getArtifactId());
    }

    protected ClusterIdentity identity() {
        return new ClusterIdentity(
                projectKey(), clusterName(), project.getBasedir().getAbsolutePath());
    }
}
