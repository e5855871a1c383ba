package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order in which the engine is looked for, and what each source may carry. */
class EndpointResolverTest {

    @TempDir
    Path config;

    @Test
    void pluginParameterWinsOverEverything() throws IOException {
        writeContext("remote", "tcp://10.0.0.1:2376", false);
        useContext("remote");
        Map<String, String> env = Map.of("DOCKER_HOST", "tcp://10.0.0.2:2376", "DOCKER_TLS_VERIFY", "1");

        DockerEndpoint endpoint = new EndpointResolver(env, config).resolve("tcp://10.0.0.3:2375", null);

        assertThat(endpoint)
                .isEqualTo(new DockerEndpoint(
                        URI.create("tcp://10.0.0.3:2375"), false, null, "plugin parameter dockerHost"));
    }

    @Test
    void pluginParameterWithCertificatesTalksTls() {
        Path certs = config.resolve("certs");

        DockerEndpoint endpoint = new EndpointResolver(Map.of(), config).resolve("tcp://10.0.0.3:2376", certs);

        assertThat(endpoint.tlsVerify()).isTrue();
        assertThat(endpoint.certPath()).isEqualTo(certs);
        assertThat(endpoint.verifyHostName()).isTrue();
    }

    @Test
    void dockerHostWithTlsVariablesWinsOverTheContext() throws IOException {
        writeContext("remote", "tcp://10.0.0.1:2376", false);
        useContext("remote");
        Map<String, String> env = Map.of(
                "DOCKER_HOST", "tcp://engine.example:2376", "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "/certs");

        DockerEndpoint endpoint = new EndpointResolver(env, config).resolve(null, null);

        assertThat(endpoint)
                .isEqualTo(new DockerEndpoint(
                        URI.create("tcp://engine.example:2376"), true, Path.of("/certs"), "DOCKER_HOST"));
    }

    @Test
    void tlsVerifySetToAnyValueTurnsTlsOnAsTheDockerCliDoes() {
        Map<String, String> env = Map.of("DOCKER_HOST", "tcp://engine.example:2376", "DOCKER_TLS_VERIFY", "0");

        DockerEndpoint endpoint = new EndpointResolver(env, config).resolve(null, null);

        assertThat(endpoint.tlsVerify()).isTrue();
        assertThat(endpoint.certPath()).as("the CLI's default folder").isEqualTo(config);
    }

    @Test
    void dockerHostWithoutTlsVerifyTalksPlainHttp() {
        Map<String, String> env = Map.of("DOCKER_HOST", "unix:///run/podman/podman.sock");

        DockerEndpoint endpoint = new EndpointResolver(env, config).resolve(null, null);

        assertThat(endpoint)
                .isEqualTo(
                        new DockerEndpoint(URI.create("unix:///run/podman/podman.sock"), false, null, "DOCKER_HOST"));
    }

    @Test
    void aSocketIgnoresTlsVariables() {
        Map<String, String> env = Map.of("DOCKER_HOST", "unix:///run/docker.sock", "DOCKER_TLS_VERIFY", "1");

        DockerEndpoint endpoint = new EndpointResolver(env, config).resolve(null, null);

        assertThat(endpoint.tlsVerify()).isFalse();
        assertThat(endpoint.certPath()).isNull();
    }

    @Test
    void currentContextWithTlsMaterialTalksTls() throws IOException {
        Path tls = writeContext("remote", "tcp://10.0.0.1:2376", false);
        useContext("remote");

        DockerEndpoint endpoint = new EndpointResolver(Map.of(), config).resolve(null, null);

        assertThat(endpoint)
                .isEqualTo(new DockerEndpoint(
                        URI.create("tcp://10.0.0.1:2376"), true, tls, "Docker CLI context 'remote'"));
    }

    @Test
    void dockerContextVariableWinsOverTheCurrentContext() throws IOException {
        writeContext("remote", "tcp://10.0.0.1:2376", false);
        writeContext("other", "tcp://10.0.0.9:2375", false);
        useContext("remote");

        DockerEndpoint endpoint = new EndpointResolver(Map.of("DOCKER_CONTEXT", "other"), config).resolve(null, null);

        assertThat(endpoint.host()).isEqualTo(URI.create("tcp://10.0.0.9:2375"));
    }

    @Test
    void defaultContextMeansTheLocalSocket() throws IOException {
        useContext("default");

        DockerEndpoint endpoint = new EndpointResolver(Map.of(), config).resolve(null, null);

        assertThat(endpoint)
                .isEqualTo(new DockerEndpoint(
                        URI.create("unix:///var/run/docker.sock"), false, null, "the default local socket"));
    }

    @Test
    void nothingConfiguredMeansTheLocalSocket() {
        DockerEndpoint endpoint = new EndpointResolver(Map.of(), config).resolve(" ", null);

        assertThat(endpoint.host()).isEqualTo(URI.create("unix:///var/run/docker.sock"));
        assertThat(endpoint.isLocal()).isTrue();
    }

    @Test
    void undefinedContextFailsNamingItAndTheFix() throws IOException {
        useContext("gone");

        assertThatThrownBy(() -> new EndpointResolver(Map.of(), config).resolve(null, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(
                        config.resolve("config.json") + " names Docker CLI context 'gone', which is" + " not defined")
                .hasMessageEndingWith("switch with 'docker context use default', create it, or set DOCKER_HOST");
    }

    @Test
    void contextSkippingVerificationIsRefused() throws IOException {
        writeContext("loose", "tcp://10.0.0.1:2376", true);

        assertThatThrownBy(() -> new EndpointResolver(Map.of("DOCKER_CONTEXT", "loose"), config).resolve(null, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Docker CLI context 'loose'")
                .hasMessageContaining("skips the verification of the engine's certificate, which Berth never does")
                .hasMessageContaining("docker context update loose --docker host=tcp://10.0.0.1:2376,ca=CA.pem");
    }

    @Test
    void unreadableConfigFailsNamingTheFile() throws IOException {
        Files.writeString(config.resolve("config.json"), "{ not json");

        assertThatThrownBy(() -> new EndpointResolver(Map.of(), config).resolve(null, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Cannot read Docker CLI configuration " + config.resolve("config.json"))
                .hasMessageEndingWith("; repair or remove the file, or set DOCKER_HOST");
    }

    @Test
    void httpAndHttpsHostsMeanTcp() {
        assertThat(EndpointResolver.parseHost("https://engine.example:2376", "test"))
                .isEqualTo(URI.create("tcp://engine.example:2376"));
    }

    @Test
    void hostWithoutPortFails() {
        assertThatThrownBy(() -> EndpointResolver.parseHost("tcp://engine.example", "DOCKER_HOST"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Docker host 'tcp://engine.example' from DOCKER_HOST lacks a host or port; use"
                        + " tcp://host:port");
    }

    @Test
    void unsupportedSchemeFails() {
        assertThatThrownBy(() -> EndpointResolver.parseHost("ssh://me@engine.example", "DOCKER_HOST"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Docker host 'ssh://me@engine.example' from DOCKER_HOST has an unsupported scheme; use"
                        + " unix:///path or tcp://host:port");
    }

    @Test
    void malformedHostFails() {
        assertThatThrownBy(() -> EndpointResolver.parseHost("tcp://engine example:1", "plugin parameter dockerHost"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Docker host 'tcp://engine example:1' from plugin parameter dockerHost is not a URI; use"
                        + " unix:///path or tcp://host:port");
    }

    /** Writes a context as {@code docker context create} does, and returns its TLS folder. */
    private Path writeContext(String name, String host, boolean skipTlsVerify) throws IOException {
        String id = sha256(name);
        Path meta = Files.createDirectories(config.resolve("contexts/meta").resolve(id));
        Files.writeString(
                meta.resolve("meta.json"),
                "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"" + host
                        + "\",\"SkipTLSVerify\":" + skipTlsVerify + "}}}");
        Path tls = Files.createDirectories(
                config.resolve("contexts/tls").resolve(id).resolve("docker"));
        Files.writeString(tls.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        return tls;
    }

    private void useContext(String name) throws IOException {
        Files.writeString(config.resolve("config.json"), "{\"auths\":{},\"currentContext\":\"" + name + "\"}");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
