package io.github.berth.maven;

import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.Reporter;
import io.github.berth.engine.build.Builders;
import io.github.berth.engine.build.Rebuild;
import io.github.berth.engine.cluster.ClusterSpec;
import io.github.berth.engine.cluster.ClusterStarter;
import io.github.berth.engine.cluster.ClusterState;
import io.github.berth.engine.cluster.ClusterValidator;
import io.github.berth.engine.cluster.PullPolicy;
import io.github.berth.engine.cluster.StartRequest;
import io.github.berth.engine.docker.DockerEngine;
import java.io.File;
import java.util.HashSet;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Starts the cluster for integration tests: each service as soon as its dependencies meet their condition, then waits
 * until all are ready. Sets {@code berth.SERVICE.host}, {@code .port}, {@code .port.CONTAINERPORT}, {@code .url},
 * {@code .id} and {@code .ip} as project properties and writes them to {@code target/berth/CLUSTER.json}.
 */
@Mojo(name = "start-cluster", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class StartClusterMojo extends AbstractClusterMojo {

    /**
     * Keeps the containers, network and volumes of a cluster that failed to start, for debugging. stop-cluster
     * removes them.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.keepOnFailure", defaultValue = "false")
    protected boolean keepOnFailure;

    /**
     * Makes the snapshots of the named services again even when nothing changed: {@code all}, or a comma-separated
     * list of {@code SERVICE}, {@code SERVICE-snapshot} or {@code CLUSTER-SERVICE-snapshot} names. The same property
     * forces builds in build-images.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.rebuild")
    protected String rebuild;

    /**
     * The folder where a file {@code clobber.SERVICE-snapshot} or {@code clobber.CLUSTER-SERVICE-snapshot}, touched
     * after the snapshot was last made, forces it to be made again once; the same folder build-images reads builders
     * from.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.builderDirectory", defaultValue = "${project.basedir}/docker")
    protected File builderDirectory;

    /**
     * When to pull the images of services that no builder makes: {@code missing} pulls an image only when the engine
     * does not hold it, {@code always} pulls each on every start (to follow a tag that moved), {@code never} pulls
     * nothing. Pulls use the credentials of the Docker CLI ({@code docker login}, credential helpers) in
     * {@code DOCKER_CONFIG} or {@code ~/.docker}. When Maven runs offline ({@code -o}), nothing is pulled.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.pull", defaultValue = "missing")
    protected String pull;

    /**
     * Skips start-cluster.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.skipStartCluster", defaultValue = "false")
    protected boolean skipStartCluster;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Override
    protected String goal() {
        return "start-cluster";
    }

    @Override
    protected boolean skipGoal() {
        return skipStartCluster;
    }

    @Override
    protected void run(Reporter reporter) {
        if (cluster == null) {
            throw new ConfigurationException("start-cluster needs a <cluster> with <services> in the plugin's"
                    + " <configuration>; add one, or skip the goal with berth.skipStartCluster");
        }
        ClusterSpec spec =
                cluster.toSpec(project.getArtifactId(), project.getBasedir().toPath());
        // A definition's mistakes are reported whether or not an engine answers.
        ClusterValidator.validate(spec);
        Rebuild remake = Rebuild.parse(rebuild);
        remake.unknown(rebuildable(spec), "service or builder").ifPresent(reporter::warning);
        StartRequest request = new StartRequest(
                spec,
                identity(),
                stateDirectory.toPath(),
                keepOnFailure,
                remake,
                builderDirectory.toPath(),
                pullPolicy(reporter));
        ClusterState state;
        try (DockerEngine engine = DockerEngine.connect(endpoint(), reporter)) {
            state = new ClusterStarter(engine, reporter).start(request);
        }
        state.properties().forEach(project.getProperties()::setProperty);
    }

    /** What berth.rebuild may name here: services, their snapshots, and builders, which build-images reads. */
    private Set<String> rebuildable(ClusterSpec spec) {
        Set<String> names =
                new HashSet<>(Builders.discover(builderDirectory.toPath()).keySet());
        names.addAll(spec.snapshotRedoNames());
        return names;
    }

    private PullPolicy pullPolicy(Reporter reporter) {
        PullPolicy policy = PullPolicy.parse(pull);
        if (session.isOffline() && policy != PullPolicy.NEVER) {
            reporter.detail("Maven runs offline: start-cluster pulls no images");
            return PullPolicy.NEVER;
        }
        return policy;
    }
}
