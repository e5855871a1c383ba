package io.github.berth.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.Labels;
import io.github.berth.engine.docker.DockerEngine;
import io.github.berth.engine.docker.TestDocker;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dependency conditions, mounts, checks and failure modes of clusters on the real Docker engine. */
class ClusterFeaturesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static DockerEngine engine;
    private static String image;

    @TempDir
    Path stateDirectory;

    private ClusterIdentity identity;
    private final RecordingReporter reporter = new RecordingReporter();

    @BeforeAll
    static void buildImage() {
        engine = TestDocker.connect();
        image = TestDocker.busyboxImage(engine, Map.of());
    }

    @AfterAll
    static void removeImage() {
        TestDocker.removeImage(engine, image);
        engine.close();
    }

    @BeforeEach
    void uniqueProject() {
        identity = new ClusterIdentity("it:features-" + TestDocker.unique(), "demo", stateDirectory.toString());
    }

    @AfterEach
    void removeWhatIsLeft() {
        TestDocker.removeLabelled(engine, identity.labels());
    }

    @Test
    void aServiceWaitsForAnotherToCompleteAndSharesANamedVolumeWithIt() {
        VolumeSpec data = new VolumeSpec(VolumeSpec.Kind.NAMED, "data", "/data", false);
        ServiceSpec migrate = Service.of("migrate", image)
                .command("sh", "-c", "sleep 1; echo schema-v2 > /data/schema")
                .volumes(data)
                .build();
        ServiceSpec app = Service.of("app", image)
                .command(Clusters.shell("echo found $(cat /data/schema); sleep 300"))
                .volumes(data)
                .dependsOn(new Dependency("migrate", Dependency.Condition.COMPLETED))
                .readiness(new ReadinessCheck.Log("found schema-v2", TIMEOUT))
                .build();

        start(migrate, app);

        assertThat(reporter.milestones()).anyMatch(line -> line.startsWith("Service app ready"));
    }

    @Test
    void aDependencyThatEndsWithAnErrorFailsTheStart() {
        ServiceSpec migrate = Service.of("migrate", image)
                .command("sh", "-c", "echo 'relation exists' >&2; exit 1")
                .build();
        ServiceSpec app = Service.of("app", image)
                .command("sleep", "300")
                .dependsOn(new Dependency("migrate", Dependency.Condition.COMPLETED))
                .build();

        assertThatThrownBy(() -> start(migrate, app))
                .hasMessageContaining("Service migrate of cluster demo failed: exited with code 1 but 0 was expected")
                .hasMessageContaining("migrate> relation exists");
        assertThat(TestDocker.objectsLabelled(engine, identity.labels())).isEmpty();
    }

    @Test
    void bindMountsAndTmpfsReachTheContainer(@TempDir Path config) throws Exception {
        Files.writeString(config.resolve("app.conf"), "greeting=hello from the host\n");
        ServiceSpec app = Service.of("app", image)
                .command(Clusters.shell(
                        "cat /etc/app/app.conf; echo scratch > /scratch/f && grep -q tmpfs /proc/mounts && echo tmpfs-ok;"
                                + " sleep 300"))
                .volumes(
                        new VolumeSpec(VolumeSpec.Kind.BIND, config.toString(), "/etc/app", true),
                        new VolumeSpec(VolumeSpec.Kind.TMPFS, "", "/scratch", false))
                .readiness(new ReadinessCheck.Log("(?s)greeting=hello from the host.*tmpfs-ok", TIMEOUT))
                .build();

        start(app);

        assertThat(reporter.milestones()).anyMatch(line -> line.startsWith("Service app ready"));
    }

    @Test
    void runsWithTheGivenEntrypointUserWorkingDirectoryEnvironmentAndLabels() {
        ServiceSpec app = new ServiceSpec(
                "app",
                image,
                Map.of("GREETING", "hi"),
                List.of("echo user=$(id -u) dir=$(pwd) greeting=$GREETING; sleep 300"),
                List.of("sh", "-c"),
                List.of(),
                List.of(),
                List.of(),
                Map.of("team", "checkout"),
                "1234",
                "/srv/app",
                0,
                List.of(),
                List.of(new ReadinessCheck.Log("user=1234 dir=/srv/app greeting=hi", TIMEOUT)));

        start(app);

        assertThat(TestDocker.objectsLabelled(engine, Map.of("team", "checkout", Labels.RUN, runId())))
                .hasSize(1);
    }

    @Test
    void waitsForAHealthcheckTheServiceDefines() {
        ServiceSpec app = Service.of("app", image)
                .command(Clusters.shell("sleep 2; mkdir -p /tmp && touch /tmp/ready; sleep 300"))
                .readiness(new ReadinessCheck.Healthy(List.of("test", "-f", "/tmp/ready"), TIMEOUT))
                .build();

        ClusterState state = start(app);

        assertOnlyService(state, "app");
    }

    @Test
    void aHealthCommandRunningAScriptWithSpacesWaitsForIt() {
        ServiceSpec app = Service.of("app", image)
                .command(Clusters.shell("sleep 1; mkdir -p /tmp && echo 'all good' > /tmp/ready; sleep 300"))
                .readiness(new ReadinessCheck.Healthy(
                        List.of("sh", "-c", "grep -q 'all good' /tmp/ready && test -s /tmp/ready"), TIMEOUT))
                .build();

        ClusterState state = start(app);

        assertOnlyService(state, "app");
    }

    @Test
    void waitsForTheHealthcheckOfTheImage() {
        String healthy = TestDocker.busyboxImage(
                engine, Map.of(), "HEALTHCHECK --interval=1s --retries=30 CMD [\"test\", \"-f\", \"/ready\"]");
        try {
            ServiceSpec app = Service.of("app", healthy)
                    .command(Clusters.shell("sleep 1; touch /ready; sleep 300"))
                    .readiness(new ReadinessCheck.Healthy(List.of(), TIMEOUT))
                    .build();

            ClusterState state = start(app);

            assertOnlyService(state, "app");
        } finally {
            TestDocker.removeLabelled(engine, identity.labels());
            TestDocker.removeImage(engine, healthy);
        }
    }

    @Test
    void aServiceThatNeverTurnsHealthyFailsWithWhatItsCheckSaidLast() {
        ServiceSpec app = Service.of("app", image)
                .command("sleep", "300")
                .readiness(new ReadinessCheck.Healthy(List.of("cat", "/tmp/no-such-ready-file"), Duration.ofSeconds(4)))
                .build();

        assertThatThrownBy(() -> start(app))
                .hasMessageContaining("Service app of cluster demo failed: timed out after 4 s waiting for the"
                        + " HEALTHCHECK to report healthy (last seen: health ")
                .hasMessageContaining(", the check said: cat: can't open '/tmp/no-such-ready-file': No such file");
    }

    @Test
    void waitingForHealthWithoutAHealthcheckFailsSayingSo() {
        ServiceSpec app = Service.of("app", image)
                .command("sleep", "300")
                .readiness(new ReadinessCheck.Healthy(List.of(), TIMEOUT))
                .build();

        assertThatThrownBy(() -> start(app))
                .hasMessageContaining("Service app of cluster demo failed: waits to be healthy but neither its image"
                        + " nor its <readiness><healthy><command> defines a HEALTHCHECK");
    }

    @Test
    void anExitCheckPassesOnTheExpectedCode() {
        ServiceSpec job = Service.of("job", image)
                .command("sh", "-c", "echo done; exit 0")
                .readiness(new ReadinessCheck.Exit(0, TIMEOUT))
                .build();

        ClusterState state = start(job);

        assertThat(state.properties()).containsKey("berth.job.id");
    }

    @Test
    void aLogLineEndedByACarriageReturnAloneMakesAServiceReady() {
        // Docker's engine passes on output without a newline once 16 KB of it gathered; the progress bar fills that.
        ServiceSpec bar = Service.of("bar", image)
                .command(Clusters.shell("printf 'booting\\rready\\r'; i=0; while [ $i -lt 4000 ]; do printf"
                        + " 'loading %d%%\\r' $((i % 100)); i=$((i + 1)); done; sleep 300"))
                .readiness(new ReadinessCheck.Log("^ready$", Duration.ofSeconds(10)))
                .build();

        ClusterState state = start(bar);

        assertThat(state.properties()).containsKey("berth.bar.id");
    }

    @Test
    void aServiceKilledForMemoryIsDiagnosedAsSuch() {
        ServiceSpec hog = Service.of("hog", image)
                .command("sh", "-c", "echo filling; x=$(head -c 200000000 /dev/zero | tr '\\000' a); echo $x")
                .memory(16L << 20)
                .readiness(new ReadinessCheck.Log("never", TIMEOUT))
                .build();

        // Docker sets its OOM flag when the kernel's event arrives, which may be after the exit has been seen and the
        // container removed; the diagnosis then names the memory limit without the engine's word.
        assertThatThrownBy(() -> start(hog))
                .message()
                .satisfiesAnyOf(
                        message -> assertThat(message).contains("killed for lack of memory (OOM), exit code 137"),
                        message -> assertThat(message)
                                .contains("killed (exit code 137) under its memory limit of 16 MB, most likely for"
                                        + " lack of memory"))
                .contains("Raise the service's <memory> limit.");
    }

    @Test
    void aTakenHostPortFailsTheStartNamingService() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ServiceSpec web = Service.of("web", image)
                    .command("sleep", "300")
                    .ports(new PortSpec(80, taken.getLocalPort(), "127.0.0.1"))
                    .build();

            assertThatThrownBy(() -> start(web))
                    .hasMessageContaining(
                            "Service web of cluster demo failed: did not start: the engine refused to" + " start it: ")
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
        assertThat(TestDocker.objectsLabelled(engine, identity.labels())).isEmpty();
    }

    @Test
    void twoHostPortsOfOneContainerPortAreBothDescribed() throws Exception {
        int fixed;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            fixed = free.getLocalPort();
        }
        ServiceSpec web = Service.of("web", image)
                .command("sh", "-c", "httpd -f -p 80 -h / & trap 'exit 0' TERM; wait")
                .ports(new PortSpec(80, 0, ""), new PortSpec(80, fixed, ""))
                .readiness(new ReadinessCheck.Tcp(80, TIMEOUT))
                .build();

        ClusterState state = start(web);

        List<ServicePort> ports = state.services().get(0).ports();
        assertThat(ports).hasSize(2);
        assertThat(ports.get(1)).isEqualTo(new ServicePort(80, fixed));
        assertThat(ports.get(0).hostPort()).isNotEqualTo(fixed).isPositive();
        try (java.net.Socket ephemeral =
                new java.net.Socket("127.0.0.1", ports.get(0).hostPort())) {
            assertThat(ephemeral.isConnected()).isTrue();
        }
    }

    @Test
    void aTcpCheckPassesOnlyOnceTheServiceListens() throws Exception {
        // The server listens a second after the start; the engine's port proxy accepts connections all along.
        ServiceSpec db = Service.of("db", image)
                .command("sh", "-c", "sleep 1; httpd -f -p 5432 -h / & trap 'exit 0' TERM; wait")
                .ports(new PortSpec(5432, 0, ""))
                .readiness(new ReadinessCheck.Tcp(5432, TIMEOUT))
                .build();

        ClusterState state = start(db);

        int port = state.services().get(0).ports().get(0).hostPort();
        HttpURLConnection connection = (HttpURLConnection)
                URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout(1000);
        connection.setReadTimeout(1000);
        assertThat(connection.getResponseCode()).isPositive();
        connection.disconnect();
    }

    @Test
    void aTcpCheckConnectsToTheContainersOwnAddressOnDockerHereAndToThePublishedPortOnPodman() {
        ServiceSpec db = Service.of("db", image)
                .command("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done")
                .ports(new PortSpec(5432, 0, ""))
                .readiness(new ReadinessCheck.Tcp(5432, Duration.ofSeconds(2)))
                .build();

        // Docker's bridge of the network is on this machine; Podman's bridges carry names Berth does not know, and its
        // published port, with no port proxy, refuses the connection.
        String lastSeen = engine.isPodman()
                ? "ConnectException Connection refused\\)"
                : "nothing accepts at \\d+\\.\\d+\\.\\d+\\.\\d+:5432 \\(ConnectException.*";
        assertThatThrownBy(() -> start(db))
                .hasMessageMatching(
                        "(?s).*timed out after 2 s waiting for TCP port 5432 \\(last seen: " + lastSeen + ".*");
        assertThat(TestDocker.objectsLabelled(engine, identity.labels())).isEmpty();
    }

    @Test
    void aPortPublishedOnAnIpv6AddressIsReachedThere() {
        assumeFalse(engine.isPodman(), "Podman 4 accepts connections on ::1 but forwards none to the container");
        ServiceSpec web = Service.of("web", image)
                .command(
                        "sh",
                        "-c",
                        "mkdir /www; echo hi > /www/index.html; httpd -f -p 80 -h /www & trap 'exit 0'" + " TERM; wait")
                .ports(new PortSpec(80, 0, "::1"))
                .readiness(
                        new ReadinessCheck.Tcp(80, TIMEOUT),
                        new ReadinessCheck.Http(80, "/index.html", 200, 299, "hi", TIMEOUT))
                .build();

        ClusterState state = start(web);

        assertThat(state.services().get(0).host()).isEqualTo("::1");
        assertThat(state.properties().get("berth.web.url"))
                .isEqualTo(
                        "http://[::1]:" + state.services().get(0).ports().get(0).hostPort());
    }

    @Test
    void keepOnFailureKeepsTheClusterForStopToRemove() {
        // Awaited by a check, so that the exit is seen however quickly the container ends.
        ServiceSpec broken = Service.of("broken", image)
                .command("sh", "-c", "exit 3")
                .readiness(new ReadinessCheck.Log("never", TIMEOUT))
                .build();
        ClusterSpec cluster = new ClusterSpec("demo", List.of(broken), TIMEOUT);

        assertThatThrownBy(() -> new ClusterStarter(engine, reporter)
                        .start(new StartRequest(cluster, identity, stateDirectory, true)))
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("Kept the containers, network and volumes of cluster demo");
        assertThat(TestDocker.objectsLabelled(engine, identity.labels())).hasSize(2);

        new ClusterStopper(engine, reporter).stop(identity, stateDirectory, Duration.ofSeconds(1));
        assertThat(TestDocker.objectsLabelled(engine, identity.labels())).isEmpty();
    }

    @Test
    void aCheckoutInAnotherFolderLeavesThisOnesClusterAlone(@TempDir Path otherCheckout) {
        ServiceSpec app =
                Service.of("app", image).command(Clusters.shell("sleep 300")).build();
        ClusterState mine = start(app);
        ClusterIdentity other = new ClusterIdentity(identity.project(), "demo", otherCheckout.toString());

        try {
            new ClusterStarter(engine, reporter)
                    .start(new StartRequest(
                            new ClusterSpec("demo", List.of(app), TIMEOUT), other, otherCheckout, false));
            new ClusterStopper(engine, reporter).stop(other, otherCheckout, Duration.ofSeconds(1));

            assertThat(reporter.warnings()).isEmpty();
            assertThat(TestDocker.objectsLabelled(engine, identity.labels(mine.runId())))
                    .hasSize(2);
        } finally {
            TestDocker.removeLabelled(engine, other.labels());
        }
    }

    @Test
    void aSecondStartRemovesWhatAnUnstoppedOneLeftAndWarns() {
        ServiceSpec app = Service.of("app", image)
                .command(Clusters.shell("sleep 300"))
                .volumes(new VolumeSpec(VolumeSpec.Kind.NAMED, "data", "/data", false))
                .build();
        ClusterState first = start(app);

        ClusterState second = start(app);

        assertThat(reporter.warnings())
                .containsExactly("Removed 1 container, 1 network, 1 volume of cluster demo left by an earlier build"
                        + " that did not stop it");
        assertThat(TestDocker.objectsLabelled(engine, identity.labels(first.runId())))
                .isEmpty();
        assertThat(TestDocker.objectsLabelled(engine, identity.labels(second.runId())))
                .hasSize(3);
    }

    @Test
    void aBuilderNameRunsTheImageThatBuilderMadeForThisProject() {
        String builder = "app" + TestDocker.unique();
        String built = TestDocker.busyboxImage(
                engine,
                Map.of(Labels.OWNER, Labels.OWNER_VALUE, Labels.BUILDER, builder, Labels.PROJECT, identity.project()));
        try {
            ServiceSpec app = Service.of("app", builder)
                    .command(Clusters.shell("echo app up; sleep 300"))
                    .readiness(new ReadinessCheck.Log("app up", TIMEOUT))
                    .build();

            ClusterState state = start(app);

            assertOnlyService(state, "app");
        } finally {
            TestDocker.removeLabelled(engine, identity.labels());
            TestDocker.removeImage(engine, built);
        }
    }

    @Test
    void aBuilderOfAnotherProjectDoesNotCountAndTheBuildersNameIsNeverPulled() throws Exception {
        String builder = "app" + TestDocker.unique();
        String built = TestDocker.busyboxImage(
                engine,
                Map.of(Labels.OWNER, Labels.OWNER_VALUE, Labels.BUILDER, builder, Labels.PROJECT, "other:project"));
        Files.createDirectories(stateDirectory.resolve("docker/builder-" + builder));
        try {
            ServiceSpec app = Service.of("app", builder).command("sleep", "300").build();

            assertThatThrownBy(() -> start(app))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining(
                            "service 'app' <image> " + builder + ": its builder has made no image for this project yet")
                    .hasMessageContaining("Build them first (berth:build-images, with a builder of that name)");
        } finally {
            TestDocker.removeImage(engine, built);
        }
    }

    private String runId() {
        return new StateFile(stateDirectory, "demo")
                .read(reporter)
                .orElseThrow()
                .runId();
    }

    private ClusterState start(ServiceSpec... services) {
        ClusterSpec cluster = new ClusterSpec("demo", List.of(services), TIMEOUT);
        return new ClusterStarter(engine, reporter).start(new StartRequest(cluster, identity, stateDirectory, false));
    }

    private static void assertOnlyService(ClusterState state, String service) {
        assertThat(state.services())
                .singleElement()
                .extracting(ServiceState::name)
                .isEqualTo(service);
    }
}
