package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the Docker CLI's credentials, with real credential-helper programs written by the test. */
class RegistryCredentialsTest {

    private static final ImageReference PRIVATE = ImageReference.parse("registry.example.com:5000/team/app:1");
    private static final ImageReference HUB = ImageReference.parse("postgres:16");

    @TempDir
    Path home;

    @Test
    void withoutAConfigurationEveryPullIsAnonymous() {
        RegistryCredentials credentials = new RegistryCredentials(home.resolve("config.json"), List.of());

        assertThat(credentials.forImage(PRIVATE)).isEmpty();
    }

    @Test
    void readsTheBase64LoginOfTheImagesRegistry() throws Exception {
        RegistryCredentials credentials = config("{\"auths\":{"
                + "\"other.example.com\":{\"auth\":\"" + base64("x:y") + "\"},"
                + "\"https://registry.example.com:5000\":{\"auth\":\"" + base64("ci:pa:ss") + "\"}}}");

        RegistryAuth auth = credentials.forImage(PRIVATE).orElseThrow();

        assertThat(auth.username()).isEqualTo("ci");
        assertThat(auth.password()).isEqualTo("pa:ss");
        assertThat(auth.serverAddress()).isEqualTo("https://registry.example.com:5000");
        assertThat(auth.toString()).doesNotContain("pa:ss").contains("user ci");
    }

    @Test
    void findsDockerHubUnderAnyOfItsNames() throws Exception {
        RegistryCredentials credentials =
                config("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + base64("hubuser:token") + "\"}}}");

        assertThat(credentials.forImage(HUB))
                .get()
                .extracting(RegistryAuth::username)
                .isEqualTo("hubuser");
        assertThat(credentials.forImage(PRIVATE)).isEmpty();
    }

    @Test
    void asksTheCredentialHelperNamedForTheRegistryBeforeTheStore() throws Exception {
        Path helpers = helper("team", "{\"ServerURL\":\"x\",\"Username\":\"robot\",\"Secret\":\"from-team\"}", 0);
        helper("desktop", "{\"Username\":\"someone\",\"Secret\":\"from-store\"}", 0);
        RegistryCredentials credentials = config(
                "{\"credsStore\":\"desktop\",\"credHelpers\":{\"registry.example.com:5000\":\"team\"}}", helpers);

        RegistryAuth auth = credentials.forImage(PRIVATE).orElseThrow();
        RegistryAuth hub = credentials.forImage(HUB).orElseThrow();

        assertThat(auth.username()).isEqualTo("robot");
        assertThat(auth.password()).isEqualTo("from-team");
        assertThat(Files.readString(helpers.resolve("team.asked"))).isEqualTo("registry.example.com:5000");
        assertThat(hub.password()).isEqualTo("from-store");
        assertThat(Files.readString(helpers.resolve("desktop.asked"))).isEqualTo("https://index.docker.io/v1/");
    }

    @Test
    void aHelpersTokenUserMeansAnIdentityToken() throws Exception {
        Path helpers = helper("desktop", "{\"Username\":\"<token>\",\"Secret\":\"refresh-token\"}", 0);
        RegistryCredentials credentials = config("{\"credsStore\":\"desktop\"}", helpers);

        RegistryAuth auth = credentials.forImage(PRIVATE).orElseThrow();

        assertThat(auth.identityToken()).isEqualTo("refresh-token");
        assertThat(auth.username()).isEmpty();
        assertThat(auth.password()).isEmpty();
    }

    @Test
    void credentialsTheStoreDoesNotKnowMeanAnAnonymousPull() throws Exception {
        Path helpers = helper("desktop", "credentials not found in native keychain", 1);
        RegistryCredentials credentials = config("{\"credsStore\":\"desktop\"}", helpers);

        assertThat(credentials.forImage(PRIVATE)).isEmpty();
    }

    @Test
    void aFailingHelperFailsNamingItWithoutItsAnswer() throws Exception {
        Path helpers = helper("desktop", "keychain is locked", 3);
        RegistryCredentials credentials = config("{\"credsStore\":\"desktop\"}", helpers);

        assertThatThrownBy(() -> credentials.forImage(PRIVATE))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("docker-credential-desktop failed for registry.example.com:5000 (exit code 3)")
                .hasMessageContaining("keychain is locked");
    }

    @Test
    void aHelperAnsweringGarbageFailsWithoutEchoingIt() throws Exception {
        Path helpers = helper("desktop", "Secret=hunter2", 0);
        RegistryCredentials credentials = config("{\"credsStore\":\"desktop\"}", helpers);

        assertThatThrownBy(() -> credentials.forImage(PRIVATE))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("answered for registry.example.com:5000 with something other than")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aHelperThatIsNotInstalledIsAConfigurationError() throws Exception {
        RegistryCredentials credentials = config("{\"credsStore\":\"osxkeychain\"}");

        assertThatThrownBy(() -> credentials.forImage(PRIVATE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("names the credential helper 'osxkeychain'")
                .hasMessageContaining("no program docker-credential-osxkeychain is on the PATH");
    }

    @Test
    void aBrokenConfigurationNamesTheFile() throws Exception {
        RegistryCredentials credentials = config("{\"auths\": ");

        assertThatThrownBy(() -> credentials.forImage(PRIVATE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Cannot read the Docker CLI's configuration " + home.resolve("config.json"))
                .hasMessageEndingWith("fix the file, or point DOCKER_CONFIG at another folder");
    }

    @Test
    void anAuthThatIsNotBase64NamesTheRegistryWithoutShowingIt() throws Exception {
        RegistryCredentials credentials =
                config("{\"auths\":{\"registry.example.com:5000\":{\"auth\":\"not base64 at all!\"}}}");

        assertThatThrownBy(() -> credentials.forImage(PRIVATE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("The \"auth\" of registry.example.com:5000")
                .hasMessageContaining("docker login registry.example.com:5000")
                .hasMessageNotContaining("not base64 at all!");
    }

    private RegistryCredentials config(String json) throws Exception {
        return config(json, home);
    }

    private RegistryCredentials config(String json, Path helperFolder) throws Exception {
        Path file = home.resolve("config.json");
        Files.writeString(file, json);
        return new RegistryCredentials(file, List.of(helperFolder));
    }

    /** Writes {@code docker-credential-NAME}, which records what it was asked and answers on stdout or stderr. */
    private Path helper(String name, String answer, int exitCode) throws Exception {
        Path helpers = Files.createDirectories(home.resolve("bin"));
        Path program = helpers.resolve("docker-credential-" + name);
        String stream = exitCode == 0 ? "" : " >&2";
        Files.writeString(
                program,
                "#!/bin/sh\n[ \"$1\" = get ] || exit 9\ncat > '" + helpers.resolve(name + ".asked") + "'\n"
                        + "printf '%s' '" + answer + "'" + stream + "\nexit " + exitCode + "\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        return helpers;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
