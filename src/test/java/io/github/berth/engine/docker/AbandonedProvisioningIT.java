package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.berth.engine.Holders;
import io.github.berth.engine.Labels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a build killed while provisioning left behind is removed by the next provisioning on the same host. */
class AbandonedProvisioningIT {

    private DockerEngine engine;
    private String image;
    private Map<String, String> labels;

    @BeforeEach
    void setUp() {
        engine = TestDocker.connect();
        labels = Map.of(Labels.OWNER, Labels.OWNER_VALUE, Labels.PROJECT, "it:abandoned-" + TestDocker.unique());
        image = TestDocker.busyboxImage(engine, Map.of());
    }

    @AfterEach
    void tearDown() {
        TestDocker.removeLabelled(engine, labels);
        TestDocker.removeImage(engine, image);
        TestDocker.removeImage(engine, "berth-it-abandoned:latest");
        engine.close();
    }

    @Test
    void removesTheContainerAndVolumeOfAKilledBuildButNotThoseOfARunningOne() throws Exception {
        Process killed = new ProcessBuilder("true").start();
        killed.waitFor();
        String host = Holders.current().substring(0, Holders.current().lastIndexOf('/'));
        String leftContainer = leftover("killed", host + "/" + killed.pid());
        String runningContainer =
                leftover("running", host + "/" + ProcessHandle.current().pid());
        String elsewhereContainer = leftover("elsewhere", "another-build-host/" + killed.pid());

        new DockerCommits(engine)
                .runAndCommit(
                        new CommandRun(
                                "abandoned",
                                image,
                                List.of("sh", "-c", "echo provisioned > /marker"),
                                out -> {},
                                "/berth-files",
                                "berth-it-abandoned",
                                labels),
                        line -> {});

        List<String> left = TestDocker.objectsLabelled(engine, labels);
        assertThat(left)
                .noneMatch(object -> object.contains(leftContainer))
                .noneMatch(object -> object.contains("berth-it-volume-killed"))
                .anyMatch(object -> object.contains(runningContainer))
                .anyMatch(object -> object.contains("berth-it-volume-running"))
                .anyMatch(object -> object.contains(elsewhereContainer))
                .anyMatch(object -> object.contains("berth-it-volume-elsewhere"));
        assertThat(left).noneMatch(object -> object.contains("berth-abandoned-"));
    }

    /** A container and a volume with the project's labels, held by {@code holder}; returns the container's name. */
    private String leftover(String name, String holder) {
        Map<String, String> held = new HashMap<>(labels);
        held.put(Labels.HOLDER, holder);
        String unique = TestDocker.unique();
        engine.client()
                .createVolumeCmd()
                .withName("berth-it-volume-" + name + "-" + unique)
                .withLabels(held)
                .exec();
        String container = "berth-it-left-" + name + "-" + unique;
        engine.client()
                .createContainerCmd(image)
                .withName(container)
                .withLabels(held)
                .withCmd("sleep", "300")
                .exec();
        return container;
    }
}
