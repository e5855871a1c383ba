package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What an endpoint tells the rest of Berth about the engine behind it. */
class DockerEndpointTest {

    private static final DockerEndpoint SOCKET =
            new DockerEndpoint(URI.create("unix:///var/run/docker.sock"), false, null, "test");
    private static final DockerEndpoint REMOTE =
            new DockerEndpoint(URI.create("tcp://engine.example:2376"), true, Path.of("/certs"), "DOCKER_HOST");

    @Test
    void onlyASocketSharesTheFileSystem() {
        DockerEndpoint loopback = new DockerEndpoint(URI.create("tcp://127.0.0.1:2375"), false, null, "test");

        assertThat(SOCKET.isLocal()).isTrue();
        assertThat(REMOTE.isLocal()).isFalse();
        assertThat(loopback.isLocal())
                .as("a loopback port may be forwarded from elsewhere")
                .isFalse();
    }

    @Test
    void publishedPortsAreReachedAtTheEngineHost() {
        assertThat(SOCKET.publishedHost()).isEqualTo("127.0.0.1");
        assertThat(REMOTE.publishedHost()).isEqualTo("engine.example");
    }

    @Test
    void bindMountOnARemoteEngineIsRefused() {
        assertThatThrownBy(() -> REMOTE.requireSharedFileSystem("Service 'db'", Path.of("/project/sql")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Service 'db' mounts /project/sql from this machine, but the Docker engine at"
                        + " tcp://engine.example:2376 (TLS) from DOCKER_HOST runs elsewhere and cannot see that path."
                        + " Copy the files into the image instead (# %include in its Dockerfile), or use an engine on"
                        + " this machine (a unix socket).");
    }

    @Test
    void bindMountOnALocalEngineIsAllowed() {
        assertThatCode(() -> SOCKET.requireSharedFileSystem("Service 'db'", Path.of("/project/sql")))
                .doesNotThrowAnyException();
    }

    @Test
    void hostNameCheckIsOnUnlessTurnedOff() {
        assertThat(REMOTE.verifyHostName()).isTrue();
        assertThat(REMOTE.withoutHostNameCheck().verifyHostName()).isFalse();
        assertThat(REMOTE.withoutHostNameCheck().host()).isEqualTo(REMOTE.host());
    }

    @Test
    void tlsNeedsACertificateFolder() {
        assertThatThrownBy(() -> new DockerEndpoint(URI.create("tcp://engine.example:2376"), true, null, "test"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("certPath");
    }
}
