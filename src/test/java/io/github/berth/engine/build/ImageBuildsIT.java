package io.github.berth.engine.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.Labels;
import io.github.berth.engine.docker.DockerEngine;
import io.github.berth.engine.docker.DockerImages;
import io.github.berth.engine.docker.TestDocker;
import io.github.berth.testing.RecordingReporter;
import io.github.berth.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds images on the real engine. */
class ImageBuildsIT {

    @TempDir
    Path project;

    private final String prefix = TestImages.uniqueName("berth-it") + "-";
    private final RecordingReporter reporter = new RecordingReporter();
    private DockerEngine engine;
    private DockerImages images;

    @BeforeEach
    void connect() {
        engine = TestDocker.connect();
        images = new DockerImages(engine);
    }

    @AfterEach
    void removeImages() {
        TestDocker.removeImagesLabelled(engine, Map.of(Labels.PROJECT, projectKey()));
        engine.close();
    }

    @Test
    void buildsAnImageWithBerthsLabelsAndTags() throws IOException {
        builder("app", "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"true\"]\n");

        List<BuiltImage> built = builds().build(request(Rebuild.none()));

        assertThat(built).singleElement().satisfies(image -> {
            assertThat(image.outcome()).isEqualTo(BuiltImage.Outcome.BUILT);
            assertThat(image.contextBytes()).isGreaterThan(Files.size(TestImages.BUSYBOX));
            assertThat(images.idOf(prefix + "app:latest")).contains(image.id());
            assertThat(images.idOf(image.reference())).contains(image.id());
            assertThat(images.labelsOf(image.id()).orElseThrow())
                    .containsEntry(Labels.OWNER, Labels.OWNER_VALUE)
                    .containsEntry(Labels.PROJECT, projectKey())
                    .containsEntry(Labels.BUILDER, "app")
                    .containsEntry(Labels.KEY, image.key());
        });
        assertThat(reporter.output()).anyMatch(line -> line.matches(prefix + "app> " + step(3) + "RUN .*"));
        assertThat(reporter.milestones())
                .anyMatch(line -> line.matches("Image " + prefix + "app built \\(\\w{12}\\) in .* s"));
    }

    @Test
    void secondBuildBuildsNothingAndSendsNoContext() throws IOException {
        builder("app", "FROM scratch\nCOPY busybox /bin/busybox\n");
        BuiltImage first = builds().build(request(Rebuild.none())).get(0);
        reporter.clear();

        BuiltImage second = builds().build(request(Rebuild.none())).get(0);

        assertThat(second.outcome()).isEqualTo(BuiltImage.Outcome.UP_TO_DATE);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.contextBytes()).isZero();
        assertThat(reporter.output()).isEmpty();
    }

    @Test
    void failedStepNamesImageStepAndLastLines() throws IOException {
        builder(
                "broken",
                "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"sh\", \"-c\", \"echo"
                        + " the-last-words; exit 3\"]\n");

        assertThatThrownBy(() -> builds().build(request(Rebuild.none())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Image " + prefix + "broken")
                .hasMessageMatching("(?s).*failed at " + step(3) + "RUN .*")
                // Docker's words, then Podman's
                .hasMessageFindingMatch("returned a non-zero code: 3|exit status 3")
                .hasMessageContaining("the-last-words");
    }

    @Test
    void imagesThatWaitOnAFailedImageAreNamedWithWhatTheyWaitedOn() throws IOException {
        builder("broken", "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"false\"]\n");
        builder("app", "FROM " + prefix + "broken\n");
        builder("site", "FROM scratch\nCOPY --from=" + prefix + "app /bin/busybox /bin/busybox\n");
        builder("other", "FROM scratch\nCOPY busybox /bin/busybox\n");

        assertThatThrownBy(() -> builds().build(request(Rebuild.none())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Image " + prefix + "broken (")
                .hasMessageEndingWith("\nImage " + prefix + "app was not built: it waits on image " + prefix
                        + "broken, which failed\nImage " + prefix + "site was not built: it waits, through " + prefix
                        + "app, on image " + prefix + "broken, which failed");

        assertThat(images.idOf(prefix + "other:latest")).isPresent();
        assertThat(images.idOf(prefix + "app:latest")).isEmpty();
    }

    @Test
    void imagesThatWaitOnTwoFailedImagesNameBoth() throws IOException {
        builder("broken", "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"false\"]\n");
        builder("faulty", "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"false\"]\n");
        builder("app", "FROM " + prefix + "broken\nCOPY --from=" + prefix + "faulty /bin/busybox /bin/sh\n");

        assertThatThrownBy(() -> builds().build(request(Rebuild.none())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("2 images failed to build:\nImage " + prefix + "broken (")
                .hasMessageContaining("\nImage " + prefix + "faulty (")
                .hasMessageEndingWith("\nImage " + prefix + "app was not built: it waits on images " + prefix
                        + "broken and " + prefix + "faulty, which failed");
    }

    @Test
    void failedBuildFromAnotherBuilderLeavesThatBuilderItsImage() throws IOException {
        builder("base", "FROM scratch\nCOPY busybox /bin/busybox\n");
        Path broken = builder(
                "broken",
                "FROM " + prefix + "base\nRUN [\"/bin/busybox\", \"sleep\", \"1.5\"]\n"
                        + "RUN [\"/bin/busybox\", \"false\"]\n");
        assertThatThrownBy(() -> builds().build(request(Rebuild.none()))).isInstanceOf(ConfigurationException.class);
        String base = images.idOf(prefix + "base:latest").orElseThrow();
        // The failed build leaves its last step's image behind, newer than base and with the labels it inherited.
        Files.delete(broken.resolve("Dockerfile"));
        Files.delete(broken.resolve("busybox"));
        Files.delete(broken);

        BuiltImage again = builds().build(request(Rebuild.none())).get(0);

        assertThat(again.outcome()).isEqualTo(BuiltImage.Outcome.UP_TO_DATE);
        assertThat(again.id()).isEqualTo(base);
        assertThat(images.idOf(prefix + "base:latest")).contains(base);
    }

    @Test
    void buildsOnASecureBaseInARepositoryWithARegistryPort() throws IOException {
        Path rootfs = TestImages.busyboxRootfs(project.resolve("rootfs.tar"));
        String repository = "localhost:5000/" + prefix + "jre";
        builder(
                "app",
                "FROM secure:" + repository + ":17:sha256 " + Digests.sha256Hex(Files.readAllBytes(rootfs)) + ":"
                        + rootfs.toUri() + "\nRUN [\"/bin/busybox\", \"true\"]\n");
        String imported = repository + ":17-";

        try {
            BuiltImage built = builds().build(request(Rebuild.none())).get(0);

            assertThat(built.outcome()).isEqualTo(BuiltImage.Outcome.BUILT);
            assertThat(reporter.output())
                    .anyMatch(line -> line.matches(prefix + "app> " + step(1) + "FROM " + imported + "[0-9a-f]{64}"));
        } finally {
            TestDocker.removeImagesLabelled(engine, Map.of(Labels.PROJECT, projectKey()));
            TestImages.docker(
                            null,
                            "images",
                            "--format",
                            "{{.Repository}}:{{.Tag}}",
                            "--filter",
                            "reference=" + repository)
                    .lines()
                    .forEach(TestImages::remove);
        }
    }

    @Test
    void imageFromAnotherBuilderWaitsForItAndUsesThatVeryImage() throws IOException {
        builder("base", "FROM scratch\nCOPY busybox /bin/busybox\n");
        builder("app", "FROM " + prefix + "base\nRUN [\"/bin/busybox\", \"true\"]\n");

        List<BuiltImage> built = builds().build(request(Rebuild.none(), 2, false));

        assertThat(built).extracting(BuiltImage::builder).containsExactly("base", "app");
        String baseReference = built.get(0).reference();
        assertThat(reporter.output())
                .anyMatch(line -> line.matches(prefix + "app> " + step(1) + "FROM " + baseReference));
        assertThat(indexOf(prefix + "app> Step 1/")).isGreaterThan(indexOf(prefix + "base> Successfully tagged"));
    }

    @Test
    void filesCopiedFromAnotherBuildersImageWaitForItAndChangeWithIt() throws IOException {
        Path assets = builder("assets", "FROM scratch\nCOPY site.txt /site.txt\n");
        Files.writeString(assets.resolve("site.txt"), "first");
        builder("web", "FROM scratch\nCOPY busybox /bin/busybox\nCOPY --from=" + prefix + "assets /site.txt /\n");

        List<BuiltImage> first = builds().build(request(Rebuild.none(), 2, false));
        Files.writeString(assets.resolve("site.txt"), "second");
        List<BuiltImage> second = builds().build(request(Rebuild.none(), 2, false));

        assertThat(first).extracting(BuiltImage::builder).containsExactly("assets", "web");
        assertThat(reporter.output())
                .anyMatch(line -> line.matches(prefix + "web> " + step(3) + "COPY --from="
                        + first.get(0).reference() + " /site.txt /"));
        assertThat(indexOf(prefix + "web> Step 1/")).isGreaterThan(indexOf(prefix + "assets> Successfully tagged"));
        assertThat(second).extracting(BuiltImage::outcome).containsOnly(BuiltImage.Outcome.BUILT);
        assertThat(second.get(1).key()).isNotEqualTo(first.get(1).key());
    }

    @Test
    void independentBuildersBuildAtTheSameTime() throws IOException {
        String slow = "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"sleep\", \"2\"]\n";
        builder("one", slow + "ENV WHO=one\n");
        builder("two", slow + "ENV WHO=two\n");

        builds().build(request(Rebuild.none(), 2, false));

        int oneStarts = indexOf(prefix + "one> Step 1/");
        int oneEnds = indexOf(prefix + "one> Successfully built");
        int twoStarts = indexOf(prefix + "two> Step 1/");
        int twoEnds = indexOf(prefix + "two> Successfully built");
        assertThat(twoStarts).isLessThan(oneEnds);
        assertThat(oneStarts).isLessThan(twoEnds);
    }

    @Test
    void oneWorkerBuildsOneImageAfterTheOther() throws IOException {
        builder("one", "FROM scratch\nCOPY busybox /bin/busybox\nENV WHO=one\n");
        builder("two", "FROM scratch\nCOPY busybox /bin/busybox\nENV WHO=two\n");

        builds().build(request(Rebuild.none(), 1, false));

        assertThat(indexOf(prefix + "two> Step 1/")).isGreaterThan(indexOf(prefix + "one> Successfully tagged"));
    }

    @Test
    void forcedRebuildBuildsAgainWithTheSameKey() throws IOException {
        builder("app", "FROM scratch\nCOPY busybox /bin/busybox\n");
        BuiltImage first = builds().build(request(Rebuild.none(), 2, false)).get(0);

        BuiltImage again =
                builds().build(request(Rebuild.parse("app"), 2, false)).get(0);

        assertThat(again.outcome()).isEqualTo(BuiltImage.Outcome.BUILT);
        assertThat(again.key()).isEqualTo(first.key());
        assertThat(again.contextBytes()).isPositive();
    }

    @Test
    void useLastTakesTheNewestImageEvenWhenTheBuilderChanged() throws IOException {
        Path directory = builder("app", "FROM scratch\nCOPY busybox /bin/busybox\n");
        BuiltImage first = builds().build(request(Rebuild.none(), 2, false)).get(0);
        Files.writeString(directory.resolve("new-file.txt"), "changed");

        BuiltImage last = builds().build(request(Rebuild.none(), 2, true)).get(0);

        assertThat(last.outcome()).isEqualTo(BuiltImage.Outcome.LAST_USED);
        assertThat(last.id()).isEqualTo(first.id());
        assertThat(last.contextBytes()).isZero();
    }

    /** Step {@code number} of a build's output, as Docker ("Step 3/8 : ") or Podman ("STEP 3/8: ") says it. */
    @Test
    void warnsWhenAnotherProjectMakesAnImageOfTheSameName() throws IOException {
        builder("app", "FROM scratch\nCOPY busybox /bin/busybox\n");
        String otherProject = projectKey() + "-other";
        BuildRequest other = new BuildRequest(
                project,
                project.resolve("docker"),
                List.of(),
                prefix,
                otherProject,
                Map.of(),
                2,
                Rebuild.none(),
                false);
        try {
            builds().build(other);
            reporter.clear();

            builds().build(request(Rebuild.none()));

            assertThat(reporter.warnings())
                    .singleElement()
                    .asString()
                    .startsWith("Image " + prefix + "app is also made by project " + otherProject + ", so each");
        } finally {
            TestDocker.removeImagesLabelled(engine, Map.of(Labels.PROJECT, otherProject));
        }
    }

    private static String step(int number) {
        return "(?:Step|STEP) " + number + "/\\d+ ?: ";
    }

    private int indexOf(String prefixOfLine) {
        List<String> lines = reporter.output();
        for (int i = 0; i < lines.size(); i++) {
            // Docker says "Step 1/2 :", Podman "STEP 1/2:"
            if (lines.get(i).regionMatches(true, 0, prefixOfLine, 0, prefixOfLine.length())) {
                return i;
            }
        }
        throw new AssertionError("no output line starts with " + prefixOfLine + " in " + lines);
    }

    private ImageBuilds builds() {
        return new ImageBuilds(images, reporter);
    }

    private BuildRequest request(Rebuild rebuild) {
        return request(rebuild, 2, false);
    }

    private BuildRequest request(Rebuild rebuild, int workers, boolean useLast) {
        return new BuildRequest(
                project,
                project.resolve("docker"),
                List.of(),
                prefix,
                projectKey(),
                Map.of(),
                workers,
                rebuild,
                useLast);
    }

    private String projectKey() {
        return "it:" + prefix;
    }

    private Path builder(String name, String dockerfile) throws IOException {
        Path directory = Files.createDirectories(project.resolve("docker/builder-" + name));
        Files.writeString(directory.resolve("Dockerfile"), dockerfile);
        Files.copy(TestImages.BUSYBOX, directory.resolve("busybox"));
        return directory;
    }
}
