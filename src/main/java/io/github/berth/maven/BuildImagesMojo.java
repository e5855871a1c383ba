package io.github.berth.maven;

import io.github.berth.engine.Reporter;
import io.github.berth.engine.build.BuildRequest;
import io.github.berth.engine.build.ImageBuilds;
import io.github.berth.engine.build.Rebuild;
import io.github.berth.engine.docker.DockerCommits;
import io.github.berth.engine.docker.DockerEngine;
import io.github.berth.engine.docker.DockerImages;
import java.io.File;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Builds an image from every builder folder ({@code docker/builder-NAME/} holding a Dockerfile): image {@code NAME},
 * tagged {@code NAME:latest} and {@code NAME:} plus the start of its content key. An image whose content key exists
 * already is not built again, and no build context is sent for it.
 */
@Mojo(name = "build-images", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class BuildImagesMojo extends AbstractBerthMojo {

    /**
     * The folder holding the builder folders, each named {@code builder-NAME} and holding a {@code Dockerfile}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.builderDirectory", defaultValue = "${project.basedir}/docker")
    private File builderDirectory;

    /**
     * The builders to build, by {@code NAME}; the builders they are built {@code FROM} are built too. Empty builds
     * every builder found in {@link #builderDirectory}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.builders")
    private List<String> builders;

    /**
     * Put before each builder's {@code NAME} to form its image's name, for example a registry namespace
     * {@code registry.example.com/team/}. Empty by default.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.imagePrefix", defaultValue = "")
    private String imagePrefix;

    /**
     * Values for the Dockerfiles' {@code ARG}s. They are part of each image's content key.
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> buildArgs;

    /**
     * How many images are built at the same time. Images built {@code FROM} another builder's image, or copying
     * files from it, wait for it. Defaults to the number of processors.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.workers")
    private Integer workers;

    /**
     * Builds images again even when an image with the same content key exists, without the engine's layer cache:
     * {@code all}, or a comma-separated list of builder names. Empty by default.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.rebuild")
    private String rebuild;

    /**
     * Takes the newest existing image of each builder as it is, and builds only the builders that have none. Saves
     * time when only tests changed; the images may be stale.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.useLast", defaultValue = "false")
    private boolean useLast;

    /**
     * Images made by running a command in a container and committing it, rather than by a Dockerfile. Each names a
     * {@code <name>}, a start image {@code <from>} (a builder, another provisioned image, or an image reference), a
     * {@code <command>} run by {@code /bin/sh -c}, and {@code <paths>} of the project copied into the container under
     * {@code /extra/PATH} (through the engine, never by a bind mount). The image is made again only when the start
     * image, the command or the content of the paths changed, and then on top of its last image, so that the command
     * only does what changed.
     *
     * @since 0.1.0
     */
    @Parameter
    private List<ProvisionConfig> provisions;

    /**
     * How many layers a provisioned image may have. When one more commit would pass it, the command runs again from
     * the start image. The engine refuses images of more than 127 layers.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.layerLimit", defaultValue = "120")
    private int layerLimit;

    /**
     * Where Berth keeps when it last made each image, against which {@code clobber.NAME} files are compared.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.directory}/berth", readonly = true, required = true)
    private File stateDirectory;

    /**
     * Skips this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.skipBuildImages", defaultValue = "false")
    private boolean skipBuildImages;

    @Override
    protected String goal() {
        return "build-images";
    }

    @Override
    protected boolean skipGoal() {
        return skipBuildImages;
    }

    @Override
    protected void run(Reporter reporter) {
        BuildRequest request = new BuildRequest(
                project.getBasedir().toPath(),
                builderDirectory.toPath(),
                ConfigValues.names(builders),
                imagePrefix == null ? "" : imagePrefix,
                projectKey(),
                buildArgs == null ? Map.of() : buildArgs,
                workers == null ? Runtime.getRuntime().availableProcessors() : workers,
                Rebuild.parse(rebuild),
                useLast,
                provisions == null
                        ? List.of()
                        : provisions.stream().map(ProvisionConfig::toProvision).toList(),
                layerLimit,
                stateDirectory.toPath());
        try (DockerEngine engine = DockerEngine.connect(endpoint(), reporter)) {
            new ImageBuilds(new DockerImages(engine), new DockerCommits(engine), reporter).build(request);
        }
    }
}
