package io.github.berth.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.Reporter;
import io.github.berth.engine.docker.DockerEngine;
import io.github.berth.engine.docker.TestDocker;
import io.github.berth.engine.docker.TestEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster started and stopped on engines other than the local Docker socket: a Docker engine on another (network)
 * machine over verified TLS, and Podman. Published ports are reached at the engine's host.
 */
class ClusterOnOtherEnginesIT {

    private static final Duration SHORT = Duration.ofSeconds(30);

    @TempDir
    Path work;

    private final RecordingReporter reporter = new RecordingReporter();

    @Test
    void runsOnARemoteEngineOverVerifiedTls() throws Exception {
        try (TestEngine remote = TestEngine.mutualTls(work.resolve("certs"))) {

            startUseAndStop(remote);
        }
    }

    @Test
    void runsOnPodman() throws Exception {
        try (TestEngine podman = TestEngine.podman()) {

            startUseAndStop(podman);
        }
    }

    @Test
    void refusesABindMountOfAProjectPathOnARemoteEngineBeforeAnythingStarts() throws Exception {
        try (TestEngine remote = TestEngine.mutualTls(work.resolve("certs"));
                DockerEngine engine = DockerEngine.connect(remote.endpoint(), Reporter.silent())) {
            ClusterIdentity identity = new ClusterIdentity("it:bind-" + TestDocker.unique(), "demo", work.toString());
            ServiceSpec web = new ServiceSpec(
                    "web",
                    "busybox-not-needed",
                    Map.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(new VolumeSpec(
                            VolumeSpec.Kind.BIND, work.resolve("site").toString(), "/www", true)),
                    List.of(),
                    Map.of(),
                    null,
                    null,
                    0,
                    List.of(),
                    List.of(),
                    false);
            ClusterSpec cluster = new ClusterSpec("demo", List.of(web), SHORT);

            assertThatThrownBy(() -> new ClusterStarter(engine, reporter)
                            .start(new StartRequest(cluster, identity, work, false)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("Service web of cluster demo (<volumes>) mounts " + work.resolve("site"))
                    .hasMessageContaining("runs elsewhere and cannot see that path");
            assertThat(TestDocker.objectsLabelled(engine, identity.labels())).isEmpty();
        }
    }

    private void startUseAndStop(TestEngine testEngine) throws Exception {
        try (DockerEngine engine = DockerEngine.connect(testEngine.endpoint(), Reporter.silent())) {
            String image = TestDocker.busyboxImage(engine, Map.of());
            ClusterIdentity identity = new ClusterIdentity("it:other-" + TestDocker.unique(), "demo", work.toString());
            ClusterSpec cluster = new ClusterSpec("demo", Clusters.threeServices(image), SHORT);

            ClusterState state =
                    new ClusterStarter(engine, reporter).start(new StartRequest(cluster, identity, work, false));

            assertThat(state.properties().get("berth.api.host"))
                    .isEqualTo(engine.endpoint().publishedHost());
            assertThat(get(state.properties().get("berth.api.url") + "/index.html"))
                    .contains("api is up");
            new ClusterStopper(engine, reporter).stop(identity, work, Duration.ofSeconds(5));
            assertThat(TestDocker.objectsLabelled(engine, identity.labels())).isEmpty();
        }
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
