package io.github.berth.engine.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.Labels;
import io.github.berth.engine.docker.DockerCommits;
import io.github.berth.engine.docker.DockerEngine;
import io.github.berth.engine.docker.DockerImages;
import io.github.berth.engine.docker.TestDocker;
import io.github.berth.testing.RecordingReporter;
import io.github.berth.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provisioned images on the real engine: a command run in a container and committed. */
class ProvisionIT {

    private static final String SCRIPT =
            "echo provisioning; cat /extra/scripts/data.txt > /data.txt;" + " echo ran >> /runs.log";

    @TempDir
    Path project;

    private final String prefix = TestImages.uniqueName("berth-prov") + "-";
    private final RecordingReporter reporter = new RecordingReporter();
    private DockerEngine engine;
    private DockerImages images;
    private String start;

    @BeforeEach
    void connect() throws IOException {
        engine = TestDocker.connect();
        images = new DockerImages(engine);
        start = TestImages.busybox(prefix + "start");
        Files.createDirectories(project.resolve("docker"));
        write("scripts/data.txt", "first\n");
    }

    @AfterEach
    void removeImages() {
        TestDocker.removeImagesLabelled(engine, Map.of(Labels.PROJECT, projectKey()));
        TestImages.remove(start);
        engine.close();
    }

    @Test
    void provisionsOnceThenReusesTheImageWithoutRunningAnything() {
        BuiltImage first = build(120).get(0);
        reporter.clear();

        BuiltImage second = build(120).get(0);

        assertThat(first.outcome()).isEqualTo(BuiltImage.Outcome.BUILT);
        assertThat(run(first.id(), "cat /data.txt")).isEqualTo("first\n");
        assertThat(images.labelsOf(first.id()).orElseThrow())
                .containsEntry(Labels.OWNER, Labels.OWNER_VALUE)
                .containsEntry(Labels.PROJECT, projectKey())
                .containsEntry(Labels.BUILDER, "tools")
                .containsEntry(Labels.KEY, first.key());
        assertThat(images.idOf(prefix + "tools:latest")).contains(first.id());
        assertThat(TestImages.docker(null, "image", "inspect", "-f", "{{json .Config.Cmd}}", first.id()))
                .isEqualTo("[\"/bin/sh\"]\n");
        assertThat(second.outcome()).isEqualTo(BuiltImage.Outcome.UP_TO_DATE);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(reporter.output()).isEmpty();
        assertThat(leftContainersAndVolumes()).isEmpty();
    }

    @Test
    void aStartImageWithoutEntrypointOrCommandGivesAnImageWithoutEither() {
        String bare = prefix + "bare:latest";
        TestImages.docker(TestImages::writeBusyboxRootfs, "import", "-", bare);
        try {
            BuiltImage built = builds().build(request(
                            List.of(new Provision(
                                    "tools", bare, List.of("/bin/sh", "-c", SCRIPT), List.of("scripts/"))),
                            120))
                    .get(0);

            assertThat(run(built.id(), "cat /data.txt")).isEqualTo("first\n");
            // Neither, as in the start image: the engine writes an empty list or nothing.
            assertThat(TestImages.docker(
                            null,
                            "image",
                            "inspect",
                            "-f",
                            "{{json .Config.Entrypoint}} {{json .Config.Cmd}}",
                            built.id()))
                    .matches("(null|\\[\\]) (null|\\[\\])\n");
        } finally {
            TestImages.remove(bare);
        }
    }

    @Test
    void streamsTheCommandsOutputPrefixedWithTheImagesName() {
        build(120);

        assertThat(reporter.output()).contains(prefix + "tools> provisioning");
        assertThat(reporter.milestones())
                .anyMatch(line -> line.matches("Image " + prefix + "tools provisioned \\(\\w{12}\\) in .* s"));
    }

    @Test
    void changedProvidedFileRunsTheCommandAgainOnTheLastImage() throws IOException {
        BuiltImage first = build(120).get(0);
        write("scripts/data.txt", "second\n");

        BuiltImage second = build(120).get(0);

        assertThat(second.outcome()).isEqualTo(BuiltImage.Outcome.BUILT);
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(run(second.id(), "cat /data.txt")).isEqualTo("second\n");
        assertThat(run(second.id(), "cat /runs.log")).isEqualTo("ran\nran\n");
        assertThat(layers(second.id())).isEqualTo(layers(first.id()) + 1);
    }

    @Test
    void failingCommandReportsExitCodeAndLastLinesAndLeavesNothing() {
        List<Provision> failing = List.of(new Provision(
                "tools",
                start,
                List.of("/bin/sh", "-c", "for i in $(seq 1 30); do echo line-$i; done; exit 7"),
                List.of()));

        assertThatThrownBy(() -> builds().build(request(failing, 120)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Provisioned image " + prefix + "tools")
                .hasMessageContaining("exited with code 7")
                .satisfies(e -> assertThat(e.getMessage()).contains(e.getCause().getMessage()))
                .hasMessageContaining("Last 20 lines")
                .hasMessageContaining("line-11\n")
                .hasMessageContaining("line-30")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("line-10\n"));
        assertThat(images.findByLabels(Map.of(Labels.PROJECT, projectKey()))).isEmpty();
        assertThat(leftContainersAndVolumes()).isEmpty();
    }

    @Test
    void startsAgainFromTheStartImageWhenTheLayerLimitWouldBePassed() throws IOException {
        int startLayers = layers(start);
        int limit = startLayers + 2;
        BuiltImage first = build(limit).get(0);
        write("scripts/data.txt", "second\n");
        BuiltImage second = build(limit).get(0);
        write("scripts/data.txt", "third\n");

        BuiltImage third = build(limit).get(0);

        assertThat(layers(first.id())).isEqualTo(startLayers + 1);
        assertThat(layers(second.id())).isEqualTo(startLayers + 2);
        assertThat(layers(third.id())).isEqualTo(startLayers + 1);
        assertThat(run(third.id(), "cat /runs.log")).isEqualTo("ran\n");
        assertThat(run(third.id(), "cat /data.txt")).isEqualTo("third\n");
    }

    @Test
    void clobberFileForcesOneRedoThenNone() throws IOException {
        BuiltImage first = build(120).get(0);
        Path clobber = project.resolve("docker/clobber.tools");
        Files.writeString(clobber, "");
        // Set precisely: the file system's own clock is coarser than the one Berth records the making with.
        Files.setLastModifiedTime(clobber, FileTime.from(Instant.now()));

        BuiltImage forced = build(120).get(0);
        BuiltImage after = build(120).get(0);

        assertThat(forced.outcome()).isEqualTo(BuiltImage.Outcome.BUILT);
        assertThat(forced.id()).isNotEqualTo(first.id());
        assertThat(run(forced.id(), "cat /runs.log")).isEqualTo("ran\n");
        assertThat(after.outcome()).isEqualTo(BuiltImage.Outcome.UP_TO_DATE);
        assertThat(after.id()).isEqualTo(forced.id());
    }

    @Test
    void rebuildSettingForcesTheNamedProvisionedImage() {
        BuiltImage first = build(120).get(0);

        BuiltImage forced = builds().build(request(provisions(), 120).withRebuild(Rebuild.parse("tools")))
                .get(0);

        assertThat(forced.outcome()).isEqualTo(BuiltImage.Outcome.BUILT);
        assertThat(forced.id()).isNotEqualTo(first.id());
    }

    @Test
    void provisionedImageStartsFromABuildersImage() throws IOException {
        Files.createDirectories(project.resolve("docker/builder-base"));
        Files.copy(TestImages.BUSYBOX, project.resolve("docker/builder-base/busybox"));
        Files.writeString(
                project.resolve("docker/builder-base/Dockerfile"),
                "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n");
        List<Provision> onBuilder =
                List.of(new Provision("tools", "base", List.of("/bin/sh", "-c", SCRIPT), List.of("scripts/")));

        List<BuiltImage> built = builds().build(request(onBuilder, 120));

        assertThat(built).extracting(BuiltImage::builder).containsExactly("base", "tools");
        assertThat(run(built.get(1).id(), "cat /data.txt")).isEqualTo("first\n");
    }

    @Test
    void builderIsBuiltFromAProvisionedImage() throws IOException {
        Files.createDirectories(project.resolve("docker/builder-app"));
        Files.writeString(
                project.resolve("docker/builder-app/Dockerfile"), "FROM tools\nRUN cp /data.txt /copied.txt\n");

        List<BuiltImage> built = build(120);

        assertThat(built).extracting(BuiltImage::builder).containsExactly("tools", "app");
        assertThat(run(built.get(1).id(), "cat /copied.txt")).isEqualTo("first\n");
    }

    @Test
    void missingProvidedPathIsNamed() {
        List<Provision> missing =
                List.of(new Provision("tools", start, List.of("/bin/sh", "-c", "true"), List.of("nowhere.txt")));

        assertThatThrownBy(() -> builds().build(request(missing, 120)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Provisioned image " + prefix + "tools path 'nowhere.txt'")
                .hasMessageContaining("does not exist");
    }

    @Test
    void startImageThatIsNeitherBuilderNorImageNamesWhereBuildersAreLookedFor() {
        String nothing = TestImages.uniqueName("berth-it-nothing");
        List<Provision> lost = List.of(new Provision("tools", nothing, List.of("/bin/sh", "-c", "true"), List.of()));

        assertThatThrownBy(() -> builds().build(request(lost, 120)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Provisioned image " + prefix + "tools starts <from> " + nothing + ", which is neither a"
                        + " builder in " + project.resolve("docker") + " nor an image the Docker engine has; build or"
                        + " pull it first, or fix <from> or builderDirectory");
    }

    @Test
    void provisionedImageNamedLikeABuilderIsRefused() throws IOException {
        Files.createDirectories(project.resolve("docker/builder-tools"));
        Files.writeString(project.resolve("docker/builder-tools/Dockerfile"), "FROM scratch\n");

        assertThatThrownBy(() -> build(120))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Provisioned image tools has the name of builder")
                .hasMessageContaining("rename one of them");
    }

    private List<BuiltImage> build(int layerLimit) {
        return builds().build(request(provisions(), layerLimit));
    }

    private List<Provision> provisions() {
        return List.of(new Provision("tools", start, List.of("/bin/sh", "-c", SCRIPT), List.of("scripts/")));
    }

    private ImageBuilds builds() {
        return new ImageBuilds(images, new DockerCommits(engine), reporter);
    }

    private BuildRequest request(List<Provision> provisions, int layerLimit) {
        return new BuildRequest(
                project,
                project.resolve("docker"),
                List.of(),
                prefix,
                projectKey(),
                Map.of(),
                2,
                Rebuild.none(),
                false,
                provisions,
                layerLimit,
                project.resolve("target/berth"));
    }

    private String projectKey() {
        return "it:" + prefix;
    }

    private void write(String path, String content) throws IOException {
        Path file = project.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static String run(String image, String command) {
        // Podman's CLI takes "sha256:ID" for a name; both engines take the bare id.
        return TestImages.docker(null, "run", "--rm", image.replaceFirst("^sha256:", ""), "/bin/sh", "-c", command);
    }

    private static int layers(String image) {
        return Integer.parseInt(TestImages.docker(null, "image", "inspect", "-f", "{{len .RootFS.Layers}}", image)
                .strip());
    }

    private String leftContainersAndVolumes() {
        String filter = "label=" + Labels.PROJECT + "=" + projectKey();
        return TestImages.docker(null, "ps", "-aq", "--filter", filter)
                + TestImages.docker(null, "volume", "ls", "-q", "--filter", filter);
    }
}
