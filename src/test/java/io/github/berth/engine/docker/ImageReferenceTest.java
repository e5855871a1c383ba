package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

    @ParameterizedTest
    @CsvSource({
        "postgres, docker.io, postgres, latest, ''",
        "postgres:16, docker.io, postgres, 16, ''",
        "library/redis:7.2-alpine, docker.io, library/redis, 7.2-alpine, ''",
        "team/app, docker.io, team/app, latest, ''",
        "localhost/app:1, localhost, localhost/app, 1, ''",
        "localhost:5000/app, localhost:5000, localhost:5000/app, latest, ''",
        "registry.example.com/team/app:1.2, registry.example.com, registry.example.com/team/app, 1.2, ''",
        "127.0.0.1:5000/a/b/c:x_y, 127.0.0.1:5000, 127.0.0.1:5000/a/b/c, x_y, ''",
    })
    void splitsLikeTheDockerCli(String reference, String registry, String repository, String tag, String digest) {
        ImageReference parsed = ImageReference.parse(reference);

        assertThat(parsed).isEqualTo(new ImageReference(registry, repository, tag, digest));
        assertThat(parsed.tagOrDigest()).isEqualTo(tag);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "my app", "App:1", "app:", "app:-x", "/app", "app/", "a//b", "app@sha256:xyz"})
    void refusesWhatNoEngineWouldPull(String reference) {
        assertThatThrownBy(() -> ImageReference.parse(reference))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Image reference '" + reference + "' is not valid: ")
                .hasMessageEndingWith("for example postgres:16 or registry.example.com:5000/team/app:1.2");
    }

    @Test
    void aDigestPinsTheImageAndIsWhatThePullAsksFor() {
        String digest = "sha256:" + "ab".repeat(32);

        ImageReference byDigest = ImageReference.parse("registry.example.com:5000/app@" + digest);
        ImageReference both = ImageReference.parse("app:1.0@" + digest);

        assertThat(byDigest.tag()).isEmpty();
        assertThat(byDigest.tagOrDigest()).isEqualTo(digest);
        assertThat(byDigest.registry()).isEqualTo("registry.example.com:5000");
        assertThat(both.tag()).isEqualTo("1.0");
        assertThat(both.tagOrDigest()).isEqualTo(digest);
        assertThat(both.toString()).isEqualTo("app:1.0@" + digest);
    }

    @Test
    void dockerHubCredentialsAreKeptUnderTheIndexAddress() {
        assertThat(ImageReference.parse("postgres").credentialsKey()).isEqualTo("https://index.docker.io/v1/");
        assertThat(ImageReference.parse("ghcr.io/team/app").credentialsKey()).isEqualTo("ghcr.io");
    }
}
