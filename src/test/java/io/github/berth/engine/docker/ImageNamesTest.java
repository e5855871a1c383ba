package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageNamesTest {

    @Test
    void familiarTagDropsTheDefaultRegistryAndPodmansLocalhost() {
        assertThat(ImageNames.familiarTag("docker.io/library/api:1")).isEqualTo("api:1");
        assertThat(ImageNames.familiarTag("localhost/api:1")).isEqualTo("api:1");
        assertThat(ImageNames.familiarTag("api:1")).isEqualTo("api:1");
        assertThat(ImageNames.familiarTag("registry.example:5000/api:1")).isEqualTo("registry.example:5000/api:1");
        assertThat(ImageNames.familiarTag("docker.io/team/api:1")).isEqualTo("docker.io/team/api:1");
    }

    @Test
    void idCarriesItsAlgorithm() {
        assertThat(ImageNames.id("abc123")).isEqualTo("sha256:abc123");
        assertThat(ImageNames.id("sha256:abc123")).isEqualTo("sha256:abc123");
        assertThat(ImageNames.id("")).isEmpty();
        assertThat(ImageNames.id(null)).isNull();
    }
}
