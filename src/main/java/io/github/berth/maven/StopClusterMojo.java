package io.github.berth.maven;

import io.github.berth.engine.Reporter;
import io.github.berth.engine.cluster.ClusterStopper;
import io.github.berth.engine.cluster.OtherClusters;
import io.github.berth.engine.docker.DockerEngine;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Stops the cluster start-cluster started, found by its labels: stops the services in reverse dependency order, saves
 * their output to {@code target/berth/logs/SERVICE.log}, and removes containers, volumes and the network. Also removes
 * what an earlier build of this project left of the cluster.
 */
@Mojo(name = "stop-cluster", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class StopClusterMojo extends AbstractClusterMojo {

    /**
     * How long each service has between SIGTERM and SIGKILL, e.g. {@code 10s}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.stopGracePeriod", defaultValue = "10s")
    protected String stopGracePeriod;

    /**
     * Skips stop-cluster.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.skipStopCluster", defaultValue = "false")
    protected boolean skipStopCluster;

    @Override
    protected String goal() {
        return "stop-cluster";
    }

    @Override
    protected boolean skipGoal() {
        return skipStopCluster;
    }

    @Override
    protected void run(Reporter reporter) {
        var grace = ConfigValues.duration(stopGracePeriod, "<stopGracePeriod> (berth.stopGracePeriod)");
        OtherClusters.warning(stateDirectory.toPath(), identity().cluster()).ifPresent(reporter::warning);
        try (DockerEngine engine = DockerEngine.connect(endpoint(), reporter)) {
            new ClusterStopper(engine, reporter).stop(identity(), stateDirectory.toPath(), grace);
        }
    }
}
