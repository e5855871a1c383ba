package io.github.berth.engine.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.Labels;
import io.github.berth.engine.docker.DockerEngine;
import io.github.berth.engine.docker.DockerImages;
import io.github.berth.engine.docker.RegistryCredentials;
import io.github.berth.engine.docker.TestDocker;
import io.github.berth.testing.RecordingReporter;
import io.github.berth.testing.TestImages;
import io.github.berth.testing.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build whose base image the engine lacks, pulled before the build from a registry on loopback that needs a login. */
class BasePullIT {

    private static final String PASSWORD = "s3cret-Pa55word-for-berth-builds";

    @TempDir
    Path project;

    private final String prefix = TestImages.uniqueName("berth-it") + "-";
    private final RecordingReporter reporter = new RecordingReporter();
    private DockerEngine engine;
    private TestRegistry registry;

    @BeforeEach
    void start() {
        engine = TestDocker.connect();
        registry = TestRegistry.withLogin("berth-it/base-" + TestDocker.unique(), "1.0", "berth", PASSWORD);
    }

    @AfterEach
    void removeImages() {
        TestDocker.removeImagesLabelled(engine, Map.of(Labels.PROJECT, "it:" + prefix));
        TestImages.remove(registry.reference());
        registry.close();
        engine.close();
    }

    @Test
    void theBaseIsPulledWithTheDockerCliCredentialsForItsRegistry() throws Exception {
        builder("app", "FROM " + registry.reference() + "\nRUN [\"/bin/busybox\", \"cat\", \"/etc/marker\"]\n");

        ImageBuilds builds = builds(registry.login(project.resolve("docker-config"), "berth", PASSWORD));
        List<BuiltImage> built = builds.build(request());
        List<BuiltImage> again = builds.build(request());

        String basic = "Basic " + Base64.getEncoder().encodeToString(("berth:" + PASSWORD).getBytes());
        assertThat(built).singleElement().extracting(BuiltImage::outcome).isEqualTo(BuiltImage.Outcome.BUILT);
        assertThat(again).singleElement().satisfies(image -> {
            assertThat(image.outcome()).isEqualTo(BuiltImage.Outcome.UP_TO_DATE);
            assertThat(image.id()).isEqualTo(built.get(0).id());
        });
        assertThat(registry.authorizations()).contains(basic);
        assertThat(reporter.output()).anyMatch(line -> line.startsWith(prefix + "app> private"));
        assertThat(reporter.everything()).noneMatch(line -> line.contains(PASSWORD));
    }

    @Test
    void withoutCredentialsTheBuildFailsNamingTheImageAndNeverShowsAPassword() throws Exception {
        builder("app", "FROM " + registry.reference() + "\nRUN [\"/bin/busybox\", \"true\"]\n");
        RegistryCredentials anonymous =
                new RegistryCredentials(project.resolve("no-docker-config/config.json"), List.of());

        assertThatThrownBy(() -> builds(anonymous).build(request()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Image " + prefix + "app (" + project.resolve("docker/builder-app/Dockerfile")
                        + ") is built on " + registry.reference() + ", which the engine lacks and cannot pull: ")
                .hasMessageEndingWith(". Log in to its registry with 'docker login', pull or build it first, or"
                        + " correct the image's name");
        assertThat(registry.authorizations()).noneMatch(header -> header != null && header.startsWith("Basic"));
    }

    private ImageBuilds builds(RegistryCredentials credentials) {
        return new ImageBuilds(new DockerImages(engine), null, reporter, credentials);
    }

    private BuildRequest request() {
        return new BuildRequest(
                project,
                project.resolve("docker"),
                List.of(),
                prefix,
                "it:" + prefix,
                Map.of(),
                1,
                Rebuild.none(),
                false);
    }

    private void builder(String name, String dockerfile) throws Exception {
        Path directory = Files.createDirectories(project.resolve("docker/builder-" + name));
        Files.writeString(directory.resolve("Dockerfile"), dockerfile);
    }
}
