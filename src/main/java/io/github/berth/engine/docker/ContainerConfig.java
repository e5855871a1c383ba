package io.github.berth.engine.docker;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.berth.engine.cluster.PortSpec;
import io.github.berth.engine.cluster.ReadinessCheck;
import io.github.berth.engine.cluster.ServiceSpec;
import io.github.berth.engine.cluster.VolumeSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The engine's JSON configuration of a service's container, the body of a container creation. */
final class ContainerConfig {

    private static final long HEALTH_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    /** A word the shell takes as it is. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private ContainerConfig() {}

    /**
     * @param image the image reference to run, already resolved
     * @param network the network to attach it to, where the service's name and aliases reach it
     * @param volumeNames the engine's names of the cluster's named volumes, by the names the services use
     * @param defaultHostIp the host address of a port that names none
     * @param podman whether the engine is Podman's, which needs a health check's words given otherwise
     */
    static byte[] of(
            String image,
            ServiceSpec service,
            String network,
            Map<String, String> labels,
            Map<String, String> volumeNames,
            String defaultHostIp,
            boolean podman) {
        return EngineJson.json(json -> {
            json.writeStartObject();
            json.writeStringField("Image", image);
            EngineJson.writeStrings(json, "Labels", labels);
            json.writeArrayFieldStart("Env");
            // By name: the service's map keeps no order, and the same service should always ask for the same.
            for (Map.Entry<String, String> variable : new TreeMap<>(service.env()).entrySet()) {
                json.writeString(variable.getKey() + "=" + variable.getValue());
            }
            json.writeEndArray();
            if (!service.command().isEmpty()) {
                strings(json, "Cmd", service.command());
            }
            if (!service.entrypoint().isEmpty()) {
                strings(json, "Entrypoint", service.entrypoint());
            }
            if (service.user() != null) {
                json.writeStringField("User", service.user());
            }
            if (service.workingDir() != null) {
                json.writeStringField("WorkingDir", service.workingDir());
            }
            Map<String, List<PortSpec>> ports = new LinkedHashMap<>();
            service.ports()
                    .forEach(port -> ports.computeIfAbsent(port.containerPort() + "/tcp", key -> new ArrayList<>())
                            .add(port));
            json.writeObjectFieldStart("ExposedPorts");
            for (String port : ports.keySet()) {
                json.writeObjectFieldStart(port);
                json.writeEndObject();
            }
            json.writeEndObject();
            healthcheck(json, service, podman);
            hostConfig(json, service, network, ports, volumeNames, defaultHostIp);
            json.writeObjectFieldStart("NetworkingConfig");
            json.writeObjectFieldStart("EndpointsConfig");
            json.writeObjectFieldStart(network);
            List<String> aliases = new ArrayList<>();
            aliases.add(service.name());
            aliases.addAll(service.aliases());
            strings(json, "Aliases", aliases);
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    private static void hostConfig(
            JsonGenerator json,
            ServiceSpec service,
            String network,
            Map<String, List<PortSpec>> ports,
            Map<String, String> volumeNames,
            String defaultHostIp)
            throws IOException {
        json.writeObjectFieldStart("HostConfig");
        json.writeStringField("NetworkMode", network);
        json.writeObjectFieldStart("PortBindings");
        for (Map.Entry<String, List<PortSpec>> port : ports.entrySet()) {
            json.writeArrayFieldStart(port.getKey());
            for (PortSpec binding : port.getValue()) {
                json.writeStartObject();
                json.writeStringField("HostIp", binding.hostIp().isEmpty() ? defaultHostIp : binding.hostIp());
                // An empty host port asks the engine to choose a free one.
                json.writeStringField("HostPort", binding.hostPort() == 0 ? "" : String.valueOf(binding.hostPort()));
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
        json.writeArrayFieldStart("Mounts");
        for (VolumeSpec volume : service.volumes()) {
            json.writeStartObject();
            switch (volume.kind()) {
                case BIND -> {
                    json.writeStringField("Type", "bind");
                    json.writeStringField("Source", volume.source());
                }
                case NAMED -> {
                    json.writeStringField("Type", "volume");
                    json.writeStringField("Source", volumeNames.get(volume.source()));
                }
                case TMPFS -> json.writeStringField("Type", "tmpfs");
            }
            json.writeStringField("Target", volume.target());
            json.writeBooleanField("ReadOnly", volume.readOnly());
            json.writeEndObject();
        }
        json.writeEndArray();
        if (service.memoryBytes() > 0) {
            // Swap as large as the memory means no swap: the limit holds, and a service beyond it is killed.
            json.writeNumberField("Memory", service.memoryBytes());
            json.writeNumberField("MemorySwap", service.memoryBytes());
        }
        json.writeEndObject();
    }

    /**
     * The engine runs the command of a {@code <healthy>} check with the image's shell left out. Podman 4 joins the
     * words with spaces and splits them again at whitespace, which cuts a word holding a space, such as the script of
     * {@code sh -c}; there such a command goes to the image's shell as one line, each word quoted.
     */
    private static void healthcheck(JsonGenerator json, ServiceSpec service, boolean podman) throws IOException {
        for (ReadinessCheck check : service.readiness()) {
            if (check instanceof ReadinessCheck.Healthy healthy
                    && !healthy.command().isEmpty()) {
                List<String> test = new ArrayList<>();
                if (podman
                        && healthy.command().stream()
                                .anyMatch(word ->
                                        word.isEmpty() || !PLAIN.matcher(word).matches())) {
                    test.add("CMD-SHELL");
                    test.add(shellLine(healthy.command()));
                } else {
                    test.add("CMD");
                    test.addAll(healthy.command());
                }
                json.writeObjectFieldStart("Healthcheck");
                strings(json, "Test", test);
                json.writeNumberField("Interval", HEALTH_INTERVAL_NANOS);
                json.writeNumberField("Timeout", HEALTH_INTERVAL_NANOS * 5);
                json.writeNumberField("Retries", 3);
                json.writeEndObject();
                return;
            }
        }
    }

    /** {@code words} as one line of POSIX shell that runs them as they are: each word but a plain one single-quoted. */
    static String shellLine(List<String> words) {
        List<String> quoted = new ArrayList<>();
        for (String word : words) {
            quoted.add(
                    !word.isEmpty() && PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'");
        }
        return String.join(" ", quoted);
    }

    private static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
