package io.github.berth.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.berth.engine.docker.ContainerStatus.PublishedPort;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterLaunchTest {

    @Test
    void aServiceThatAwaitsItsExitIsReportedCompletedWithoutAnAddress() {
        ServiceSpec migrate = Service.of("migrate", "x")
                .readiness(new ReadinessCheck.Exit(0, Duration.ofSeconds(30)))
                .build();
        ServiceState state = new ServiceState("migrate", "2c166ce26ab4ffff", "brk-migrate", 0, "", "", List.of());

        assertThat(ClusterLaunch.readyLine(migrate, state, Duration.ofMillis(1200)))
                .isEqualTo("Service migrate completed: 2c166ce26ab4, exit code 0 (1.2 s)");
    }

    @Test
    void aServiceWhoseContainerEndedIsReportedWithoutAnEmptyAddress() {
        ServiceSpec migrate = Service.of("migrate", "x").build();
        ServiceState state = new ServiceState("migrate", "2c166ce26ab4ffff", "brk-migrate", 0, "", "", List.of());

        assertThat(ClusterLaunch.readyLine(migrate, state, Duration.ofMillis(1200)))
                .isEqualTo("Service migrate ready: 2c166ce26ab4 (its container has ended, so it has no address)"
                        + " (1.2 s)");
    }

    @Test
    void aRunningServiceIsReportedReadyAtItsAddress() {
        ServiceSpec db = Service.of("db", "x").build();
        ServiceState state = new ServiceState("db", "0123456789abcdef", "brk-db", 0, "", "172.18.0.2", List.of());

        assertThat(ClusterLaunch.readyLine(db, state, Duration.ofMillis(500)))
                .isEqualTo("Service db ready: 0123456789ab at 172.18.0.2 (cluster network only) (0.5 s)");
    }

    @Test
    void eachPortOfTheServiceGetsTheBindingMadeForIt() {
        List<PortSpec> specs = List.of(
                new PortSpec(80, 0, "::1"),
                new PortSpec(80, 0, "127.0.0.1"),
                new PortSpec(80, 18080, "127.0.0.1"),
                new PortSpec(443, 0, ""));
        List<PublishedPort> bindings = List.of(
                new PublishedPort(80, "127.0.0.1", 18080),
                new PublishedPort(80, "127.0.0.1", 32001),
                new PublishedPort(443, "127.0.0.1", 32002),
                new PublishedPort(80, "::1", 32003));

        assertThat(ClusterLaunch.published(specs, bindings))
                .containsExactly(
                        new ServicePort(80, 32003),
                        new ServicePort(80, 32001),
                        new ServicePort(80, 18080),
                        new ServicePort(443, 32002));
    }
}
