package io.github.berth.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.build.Rebuild;
import io.github.berth.engine.docker.DockerEngine;
import io.github.berth.engine.docker.RegistryCredentials;
import io.github.berth.engine.docker.TestDocker;
import io.github.berth.testing.RecordingReporter;
import io.github.berth.testing.TestImages;
import io.github.berth.testing.TestRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** start-cluster pulling the images it does not hold, from a registry on loopback that the test serves. */
class ImagePullIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PASSWORD = "s3cret-Pa55word-for-berth";

    private static DockerEngine engine;

    @TempDir
    Path work;

    private ClusterIdentity identity;
    private final RecordingReporter reporter = new RecordingReporter();
    private String repository;
    private TestRegistry registry;

    @BeforeAll
    static void connect() {
        engine = TestDocker.connect();
    }

    @AfterAll
    static void disconnect() {
        engine.close();
    }

    @BeforeEach
    void uniqueNames() {
        String unique = TestDocker.unique();
        identity = new ClusterIdentity("it:pull-" + unique, "pulled", work.toString());
        repository = "berth-it/pulled-" + unique;
    }

    @AfterEach
    void removeWhatIsLeft() {
        TestDocker.removeLabelled(engine, identity.labels());
        if (registry != null) {
            TestImages.remove(registry.reference());
            registry.close();
        }
    }

    @Test
    void pullsAMissingImageOnceAndRunsIt() throws Exception {
        registry = TestRegistry.open(repository, "1.0", "from-the-registry");

        ClusterState state = start(anonymous(), PullPolicy.MISSING);

        assertThat(TestImages.exists(registry.reference())).isTrue();
        assertThat(registry.tagLookups()).isEqualTo(1);
        assertThat(reporter.milestones()).anyMatch(line -> line.startsWith("Pulled image " + registry.reference()));
        assertThat(TestImages.docker(null, "exec", state.properties().get("berth.app.id"), "cat", "/etc/marker"))
                .isEqualTo("from-the-registry");

        new ClusterStopper(engine, reporter).stop(identity, work, Duration.ofSeconds(1));
        start(anonymous(), PullPolicy.MISSING);

        assertThat(registry.tagLookups()).isEqualTo(1);
    }

    @Test
    void alwaysAsksTheRegistryAgainAndFindsTheImageUpToDate() {
        registry = TestRegistry.open(repository, "1.0", "always");
        start(anonymous(), PullPolicy.MISSING);
        new ClusterStopper(engine, reporter).stop(identity, work, Duration.ofSeconds(1));

        start(anonymous(), PullPolicy.ALWAYS);

        assertThat(registry.tagLookups()).isEqualTo(2);
        assertThat(reporter.milestones())
                .anyMatch(line -> line.startsWith("Image " + registry.reference() + " is up to date ("));
    }

    @Test
    void alwaysRunsTheEnginesCopyWithAWarningWhenTheRegistryIsGone() {
        registry = TestRegistry.open(repository, "1.0", "kept");
        start(anonymous(), PullPolicy.MISSING);
        new ClusterStopper(engine, reporter).stop(identity, work, Duration.ofSeconds(1));
        registry.close();

        ClusterState state = start(anonymous(), PullPolicy.ALWAYS);

        assertThat(state.properties()).containsKey("berth.app.id");
        assertThat(reporter.warnings())
                .anyMatch(line -> line.startsWith("Cannot pull image " + registry.reference())
                        && line.endsWith("running the engine's copy of " + registry.reference() + " instead"));
    }

    @Test
    void neverRefusesAMissingImageWithoutAskingTheRegistry() {
        registry = TestRegistry.open(repository, "1.0", "never");

        assertThatThrownBy(() -> start(anonymous(), PullPolicy.NEVER))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("service 'app' <image> " + registry.reference() + ": not in the engine")
                .hasMessageContaining("berth.pull=missing");
        assertThat(registry.tagLookups()).isZero();
        assertThat(TestDocker.objectsLabelled(engine, identity.labels())).isEmpty();
    }

    @Test
    void anUnknownTagFailsNamingTheServiceAndTheRegistrysReason() {
        registry = TestRegistry.open(repository, "1.0", "tagged");
        String missingTag = registry.host() + "/" + repository + ":2.0";

        assertThatThrownBy(() -> start(cluster(missingTag), anonymous(), PullPolicy.MISSING))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("could not be pulled")
                .hasMessageContaining("service 'app' <image> " + missingTag + ": Cannot pull image " + missingTag)
                .hasMessageContaining("manifest unknown")
                .hasMessageContaining("docker login");
        assertThat(TestDocker.objectsLabelled(engine, identity.labels())).isEmpty();
    }

    @Test
    void logsInWithTheDockerCliCredentialsAndNeverShowsThePassword() throws Exception {
        registry = TestRegistry.withLogin(repository, "1.0", "berth", PASSWORD);

        start(registry.login(work.resolve("docker-config"), "berth", PASSWORD), PullPolicy.MISSING);

        String basic = "Basic " + Base64.getEncoder().encodeToString(("berth:" + PASSWORD).getBytes());
        assertThat(registry.authorizations()).contains(basic);
        assertThat(TestImages.exists(registry.reference())).isTrue();
        assertThat(reporter.everything()).noneMatch(line -> line.contains(PASSWORD));
    }

    @Test
    void aRefusedLoginFailsWithoutShowingThePassword() throws Exception {
        registry = TestRegistry.withLogin(repository, "1.0", "berth", PASSWORD);
        RegistryCredentials wrong = registry.login(work.resolve("docker-config"), "berth", PASSWORD + "-wrong");

        assertThatThrownBy(() -> start(wrong, PullPolicy.MISSING))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("service 'app' <image> " + registry.reference())
                .hasMessageContaining("with the credentials for " + registry.host() + " (user berth)")
                .hasMessageNotContaining(PASSWORD);
        assertThat(reporter.everything()).noneMatch(line -> line.contains(PASSWORD));
        assertThat(TestDocker.objectsLabelled(engine, identity.labels())).isEmpty();
    }

    private ClusterState start(RegistryCredentials credentials, PullPolicy policy) {
        return start(cluster(registry.reference()), credentials, policy);
    }

    private ClusterState start(ClusterSpec cluster, RegistryCredentials credentials, PullPolicy policy) {
        StartRequest request =
                new StartRequest(cluster, identity, work, false, Rebuild.none(), work.resolve("docker"), policy);
        return new ClusterStarter(engine, reporter, credentials).start(request);
    }

    private static ClusterSpec cluster(String image) {
        ServiceSpec app = Service.of("app", image)
                .command(Clusters.shell("echo pulled and running; sleep 300"))
                .readiness(new ReadinessCheck.Log("pulled and running", TIMEOUT))
                .build();
        return new ClusterSpec("pulled", List.of(app), TIMEOUT);
    }

    private RegistryCredentials anonymous() {
        return new RegistryCredentials(work.resolve("no-docker-config/config.json"), List.of());
    }
}
