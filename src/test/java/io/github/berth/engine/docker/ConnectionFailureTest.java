package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures that the engine tests cannot provoke on this machine, explained from the exceptions the transport throws. */
class ConnectionFailureTest {

    private static final DockerEndpoint SOCKET =
            new DockerEndpoint(URI.create("unix:///var/run/docker.sock"), false, null, "the default local socket");
    private static final DockerEndpoint REMOTE =
            new DockerEndpoint(URI.create("tcp://engine.example:2375"), false, null, "DOCKER_HOST");

    @Test
    void unknownHostIsNamed() {
        Throwable failure = new RuntimeException(new UnknownHostException("engine.example: Name or service not known"));

        assertThat(ConnectionFailure.diagnose(REMOTE, null, failure))
                .hasMessageStartingWith("No Docker engine at tcp://engine.example:2375 from DOCKER_HOST: the host name"
                        + " engine.example is unknown. Start the engine")
                .hasCause(failure);
    }

    @Test
    void socketWithoutPermissionSaysWhichGroup() {
        Throwable failure = new RuntimeException(new SocketException("Permission denied"));

        assertThat(ConnectionFailure.diagnose(SOCKET, null, failure))
                .hasMessage("No access to the Docker engine at unix:///var/run/docker.sock from the default local"
                        + " socket: permission denied. Add your user to the group that owns /var/run/docker.sock"
                        + " (usually 'docker'), then log in again.");
    }

    @Test
    void staleSocketSaysNothingListens() {
        Throwable failure = new RuntimeException(new SocketException("Connection refused"));

        assertThat(ConnectionFailure.diagnose(SOCKET, null, failure))
                .hasMessageStartingWith("No Docker engine at unix:///var/run/docker.sock from the default local socket:"
                        + " nothing listens on the socket. Start the engine");
    }

    @Test
    void regularFileOrFolderInsteadOfASocketIsNamed(@TempDir Path folder) throws IOException {
        Path file = Files.createFile(folder.resolve("docker.sock"));
        Throwable failure = new RuntimeException(new SocketException("Connection refused"));

        assertThat(ConnectionFailure.diagnose(local(file), null, failure))
                .hasMessageStartingWith("No Docker engine at unix://" + file + " from DOCKER_HOST: " + file
                        + " is a regular file, not a socket. Start the engine");
        assertThat(ConnectionFailure.diagnose(local(folder), null, failure))
                .hasMessageStartingWith("No Docker engine at unix://" + folder + " from DOCKER_HOST: " + folder
                        + " is a folder, not a socket. Start the engine");
    }

    private static DockerEndpoint local(Path socket) {
        return new DockerEndpoint(URI.create("unix://" + socket), false, null, "DOCKER_HOST");
    }

    @Test
    void readTimeoutIsReportedAsSilence() {
        Throwable failure = new RuntimeException(new SocketTimeoutException("Read timed out"));

        assertThat(ConnectionFailure.diagnose(REMOTE, null, failure))
                .hasMessageStartingWith("The Docker engine at tcp://engine.example:2375 from DOCKER_HOST did not answer"
                        + " within 5 s.");
    }
}
