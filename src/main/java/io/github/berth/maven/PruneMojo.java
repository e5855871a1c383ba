package io.github.berth.maven;

import io.github.berth.engine.Reporter;
import io.github.berth.engine.docker.DockerEngine;
import io.github.berth.engine.prune.Age;
import io.github.berth.engine.prune.ImagePruner;
import io.github.berth.engine.prune.PruneRequest;
import java.time.Clock;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Removes images that {@code build-images} made for this project and nothing needs any more: neither the current image
 * of their builder, nor among its newest, nor used by a container. Dangling images Berth made go too. Images without
 * Berth's labels for this project are never touched; an image that also carries another tag loses only Berth's tags.
 */
@Mojo(name = "prune", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class PruneMojo extends AbstractBerthMojo {

    /**
     * How many of the newest images of each builder to keep; the current image ({@code NAME:latest}) is always kept.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.prune.keep", defaultValue = "1")
    private int keep;

    /**
     * Removes only images at least this old, written as a whole number and a unit ({@code s}, {@code m}, {@code h},
     * {@code d}, {@code w}), like {@code 7d}. Any age when unset.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.prune.olderThan")
    private String olderThan;

    /**
     * What build-images puts before each builder's {@code NAME} to name its image; must be the same for both goals.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.imagePrefix", defaultValue = "")
    private String imagePrefix;

    /**
     * Skips prune.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.skipPrune", defaultValue = "false")
    private boolean skipPrune;

    @Override
    protected String goal() {
        return "prune";
    }

    @Override
    protected boolean skipGoal() {
        return skipPrune;
    }

    @Override
    protected void run(Reporter reporter) {
        PruneRequest request =
                new PruneRequest(projectKey(), keep, Age.parse(olderThan, "olderThan of prune"), imagePrefix);
        try (DockerEngine engine = DockerEngine.connect(endpoint(), reporter)) {
            new ImagePruner(engine, reporter, Clock.systemUTC()).prune(request);
        }
    }
}
