package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.berth.engine.cluster.PortSpec;
import io.github.berth.engine.cluster.ReadinessCheck;
import io.github.berth.engine.cluster.ServiceSpec;
import io.github.berth.engine.cluster.VolumeSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a service becomes the engine's configuration of its container. */
class ContainerConfigTest {

    private static JsonNode config(ServiceSpec service) throws IOException {
        return new ObjectMapper()
                .readTree(ContainerConfig.of(
                        "app:1",
                        service,
                        "net",
                        Map.of("berth", "yes"),
                        Map.of("data", "run-data"),
                        "127.0.0.1",
                        false));
    }

    private static ServiceSpec service(
            List<PortSpec> ports, List<VolumeSpec> volumes, List<ReadinessCheck> readiness, long memory) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("B", "2");
        env.put("A", "x=y");
        return new ServiceSpec(
                "db",
                "app:1",
                env,
                List.of("serve", "--port", "80"),
                List.of(),
                ports,
                volumes,
                List.of("database"),
                Map.of(),
                null,
                "/srv",
                memory,
                List.of(),
                readiness);
    }

    @Test
    void aServiceGivesItsImageEnvCommandLabelsAndNames() throws IOException {
        JsonNode config = config(service(List.of(), List.of(), List.of(), 0));

        assertThat(config.get("Image").asText()).isEqualTo("app:1");
        assertThat(config.get("Env")).extracting(JsonNode::asText).containsExactlyInAnyOrder("A=x=y", "B=2");
        assertThat(config.get("Cmd").toString()).isEqualTo("[\"serve\",\"--port\",\"80\"]");
        assertThat(config.has("Entrypoint")).isFalse();
        assertThat(config.has("User")).isFalse();
        assertThat(config.get("WorkingDir").asText()).isEqualTo("/srv");
        assertThat(config.get("Labels").toString()).isEqualTo("{\"berth\":\"yes\"}");
        assertThat(config.at("/HostConfig/NetworkMode").asText()).isEqualTo("net");
        assertThat(config.at("/NetworkingConfig/EndpointsConfig/net/Aliases").toString())
                .isEqualTo("[\"db\",\"database\"]");
        assertThat(config.has("Healthcheck")).isFalse();
        assertThat(config.at("/HostConfig").has("Memory")).isFalse();
    }

    @Test
    void twoHostPortsOfOneContainerPortShareItsEntry() throws IOException {
        JsonNode config = config(service(
                List.of(new PortSpec(80, 8080, ""), new PortSpec(80, 0, "0.0.0.0"), new PortSpec(5432, 0, "")),
                List.of(),
                List.of(),
                0));

        assertThat(config.get("ExposedPorts").toString()).isEqualTo("{\"80/tcp\":{},\"5432/tcp\":{}}");
        assertThat(config.at("/HostConfig/PortBindings").toString())
                .isEqualTo("{\"80/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"8080\"},"
                        + "{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"\"}],"
                        + "\"5432/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"\"}]}");
    }

    @Test
    void volumesMemoryAndHealthCommandGoToTheHostAndHealthcheck() throws IOException {
        JsonNode config = config(service(
                List.of(),
                List.of(
                        new VolumeSpec(VolumeSpec.Kind.BIND, "/host/conf", "/etc/app", true),
                        new VolumeSpec(VolumeSpec.Kind.NAMED, "data", "/var/lib/data", false),
                        new VolumeSpec(VolumeSpec.Kind.TMPFS, null, "/tmp", false)),
                List.of(new ReadinessCheck.Healthy(List.of("check", "--quick"), Duration.ofSeconds(30))),
                64L << 20));

        assertThat(config.at("/HostConfig/Mounts").toString())
                .isEqualTo("[{\"Type\":\"bind\",\"Source\":\"/host/conf\",\"Target\":\"/etc/app\",\"ReadOnly\":true},"
                        + "{\"Type\":\"volume\",\"Source\":\"run-data\",\"Target\":\"/var/lib/data\",\"ReadOnly\":false},"
                        + "{\"Type\":\"tmpfs\",\"Target\":\"/tmp\",\"ReadOnly\":false}]");
        assertThat(config.at("/HostConfig/Memory").asLong()).isEqualTo(64L << 20);
        assertThat(config.at("/HostConfig/MemorySwap").asLong()).isEqualTo(64L << 20);
        assertThat(config.at("/Healthcheck/Test").toString()).isEqualTo("[\"CMD\",\"check\",\"--quick\"]");
        assertThat(config.at("/Healthcheck/Interval").asLong()).isEqualTo(1_000_000_000L);
        assertThat(config.at("/Healthcheck/Retries").asInt()).isEqualTo(3);
    }

    @Test
    void onPodmanAHealthCommandWithAWordThatIsNotPlainGoesToTheShellAsOneQuotedLine() throws IOException {
        ServiceSpec scripted = service(
                List.of(),
                List.of(),
                List.of(new ReadinessCheck.Healthy(
                        List.of("sh", "-c", "test -f /ready && echo 'ok'"), Duration.ofSeconds(9))),
                0);
        ServiceSpec plain = service(
                List.of(),
                List.of(),
                List.of(new ReadinessCheck.Healthy(List.of("test", "-f", "/ready"), Duration.ofSeconds(9))),
                0);

        assertThat(podman(scripted).at("/Healthcheck/Test").get(1).asText())
                .isEqualTo("sh -c 'test -f /ready && echo '\\''ok'\\'''");
        assertThat(podman(scripted).at("/Healthcheck/Test").get(0).asText()).isEqualTo("CMD-SHELL");
        assertThat(podman(plain).at("/Healthcheck/Test").toString()).isEqualTo("[\"CMD\",\"test\",\"-f\",\"/ready\"]");
        assertThat(config(scripted).at("/Healthcheck/Test").toString())
                .isEqualTo("[\"CMD\",\"sh\",\"-c\",\"test -f /ready && echo 'ok'\"]");
    }

    @Test
    void aShellLineQuotesEveryWordThatIsNotPlain() {
        assertThat(ContainerConfig.shellLine(List.of("curl", "-fsS", "http://127.0.0.1:8080/health")))
                .isEqualTo("curl -fsS http://127.0.0.1:8080/health");
        assertThat(ContainerConfig.shellLine(List.of("echo", "", "a b", "it's", "$HOME", "*")))
                .isEqualTo("echo '' 'a b' 'it'\\''s' '$HOME' '*'");
    }

    private static JsonNode podman(ServiceSpec service) throws IOException {
        return new ObjectMapper()
                .readTree(ContainerConfig.of("app:1", service, "net", Map.of(), Map.of(), "127.0.0.1", true));
    }
}
