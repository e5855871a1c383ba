package io.github.berth.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

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
}
