package io.github.berth.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterStateTest {

    @Test
    void describesEachServiceToTests() {
        assertThat(StateFileTest.state().properties())
                .containsExactly(
                        entry("berth.db.id", "f".repeat(64)),
                        entry("berth.db.ip", "172.18.0.2"),
                        entry("berth.api.id", "e".repeat(64)),
                        entry("berth.api.ip", "172.18.0.3"),
                        entry("berth.api.host", "127.0.0.1"),
                        entry("berth.api.port", "32768"),
                        entry("berth.api.url", "http://127.0.0.1:32768"),
                        entry("berth.api.port.8080", "32768"),
                        entry("berth.api.port.9090", "32769"));
    }

    @Test
    void aContainerPortPublishedTwiceIsNamedByItsFirstHostPort() {
        ClusterState state = new ClusterState(
                "demo",
                "r",
                "net",
                List.of(),
                List.of(new ServiceState(
                        "web",
                        "abc",
                        "demo-web",
                        0,
                        "127.0.0.1",
                        "",
                        List.of(new ServicePort(80, 32768), new ServicePort(80, 18080)))));

        assertThat(state.properties())
                .containsEntry("berth.web.port", "32768")
                .containsEntry("berth.web.port.80", "32768");
    }
}
