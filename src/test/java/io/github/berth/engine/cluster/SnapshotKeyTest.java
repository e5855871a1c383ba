package io.github.berth.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnapshotKeyTest {

    @Test
    void sameImageAndEnvGiveTheSameKeyWhateverTheEnvOrder() {
        ServiceSpec first = Service.of("db", "pg").env("A", "1").env("B", "2").build();
        ServiceSpec second = Service.of("db", "pg").env("B", "2").env("A", "1").build();

        assertThat(SnapshotKey.of(first, "sha256:1")).isEqualTo(SnapshotKey.of(second, "sha256:1"));
    }

    @Test
    void changedEnvGivesANewKey() {
        ServiceSpec before = Service.of("db", "pg").env("A", "1").build();
        ServiceSpec after = Service.of("db", "pg").env("A", "2").build();

        assertThat(SnapshotKey.of(after, "sha256:1")).isNotEqualTo(SnapshotKey.of(before, "sha256:1"));
    }

    @Test
    void newBaseImageGivesANewKey() {
        ServiceSpec service = Service.of("db", "pg").env("A", "1").build();

        assertThat(SnapshotKey.of(service, "sha256:2")).isNotEqualTo(SnapshotKey.of(service, "sha256:1"));
    }

    @Test
    void envValuesCannotPoseAsOtherNames() {
        ServiceSpec joined = Service.of("db", "pg").env("A", "1\nenv\0B=2").build();
        ServiceSpec apart = Service.of("db", "pg").env("A", "1").env("B", "2").build();

        assertThat(SnapshotKey.of(joined, "sha256:1")).isNotEqualTo(SnapshotKey.of(apart, "sha256:1"));
    }
}
