package io.github.berth.engine.cluster;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.berth.engine.BerthException;
import io.github.berth.engine.Reporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The file {@code CLUSTER.json} under {@code target/berth/} that tells tests and {@code stop-cluster} about a
 * started cluster. It is replaced atomically, so a reader never sees half of it.
 */
public final class StateFile {

    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;

    public StateFile(Path stateDirectory, String cluster) {
        this.file = stateDirectory.resolve(cluster + ".json");
    }

    public Path path() {
        return file;
    }

    /** Writes {@code state}, with the properties it gives tests, in place of what the file held. */
    public void write(ClusterState state) {
        byte[] rendered = render(state);
        try {
            Files.createDirectories(file.getParent());
            Path temporary =
                    Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.write(temporary, rendered);
                move(temporary, file);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new BerthException("Cannot write the cluster state file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file's text for {@code state}: its fields, then the properties it gives tests. Written with the streaming
     * generator, so that neither a start nor a stop loads an object mapper for this one small file.
     */
    private static byte[] render(ClusterState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(bytes).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            json.writeStringField("cluster", state.cluster());
            json.writeStringField("runId", state.runId());
            json.writeStringField("network", state.network());
            json.writeArrayFieldStart("volumes");
            for (String volume : state.volumes()) {
                json.writeString(volume);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("services");
            for (ServiceState service : state.services()) {
                writeService(json, service);
            }
            json.writeEndArray();
            json.writeObjectFieldStart("properties");
            for (Map.Entry<String, String> property : state.properties().entrySet()) {
                json.writeStringField(property.getKey(), property.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write JSON to memory", e);
        }
        return bytes.toByteArray();
    }

    private static void writeService(JsonGenerator json, ServiceState service) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", service.name());
        json.writeStringField("containerId", service.containerId());
        json.writeStringField("containerName", service.containerName());
        json.writeNumberField("rank", service.rank());
        json.writeStringField("host", service.host());
        json.writeStringField("ip", service.ip());
        json.writeArrayFieldStart("ports");
        for (ServicePort port : service.ports()) {
            json.writeStartObject();
            json.writeNumberField("containerPort", port.containerPort());
            json.writeNumberField("hostPort", port.hostPort());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The state the file holds, or empty when there is no file. A file that cannot be read is reported, renamed to
     * {@code CLUSTER.json.corrupt}, and counts as absent.
     */
    public Optional<ClusterState> read(Reporter reporter) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(file));
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
            try {
                move(file, aside);
            } catch (IOException moveFailure) {
                e.addSuppressed(moveFailure);
            }
            reporter.warning("Cluster state file " + file + " is corrupt ("
                    + e.getMessage().lines().findFirst().orElse("") + "); set it aside as " + aside
                    + " and finding the cluster by its labels instead");
            return Optional.empty();
        }
    }

    /** Removes the file; a missing one is fine. */
    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new BerthException("Cannot delete the cluster state file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the state the file holds; fields it does not know, such as the properties, are skipped. */
    private static ClusterState parse(Path file) throws IOException {
        try (JsonParser json = JSON.createParser(file.toFile())) {
            expect(json.nextToken(), JsonToken.START_OBJECT, "the file");
            Map<String, String> text = new HashMap<>();
            List<String> volumes = new ArrayList<>();
            List<ServiceState> services = new ArrayList<>();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "volumes" -> {
                        if (value == JsonToken.VALUE_NULL) {
                            continue;
                        }
                        expect(value, JsonToken.START_ARRAY, field);
                        while (json.nextToken() != JsonToken.END_ARRAY) {
                            volumes.add(json.getValueAsString());
                        }
                    }
                    case "services" -> {
                        if (value == JsonToken.VALUE_NULL) {
                            continue;
                        }
                        expect(value, JsonToken.START_ARRAY, field);
                        while (json.nextToken() == JsonToken.START_OBJECT) {
                            services.add(parseService(json));
                        }
                    }
                    default -> {
                        if (value.isScalarValue()) {
                            text.put(field, json.getValueAsString());
                        }
                        json.skipChildren();
                    }
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT) {
                throw new IOException("the file ends before its closing brace");
            }
            return new ClusterState(text.get("cluster"), text.get("runId"), text.get("network"), volumes, services);
        }
    }

    private static ServiceState parseService(JsonParser json) throws IOException {
        Map<String, String> text = new HashMap<>();
        List<ServicePort> ports = new ArrayList<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (field.equals("ports") && value != JsonToken.VALUE_NULL) {
                expect(value, JsonToken.START_ARRAY, field);
                while (json.nextToken() == JsonToken.START_OBJECT) {
                    Map<String, String> port = new HashMap<>();
                    while (json.nextToken() == JsonToken.FIELD_NAME) {
                        String name = json.currentName();
                        json.nextToken();
                        port.put(name, json.getValueAsString());
                        json.skipChildren();
                    }
                    ports.add(new ServicePort(number(port, "containerPort"), number(port, "hostPort")));
                }
            } else {
                if (value.isScalarValue()) {
                    text.put(field, json.getValueAsString());
                }
                json.skipChildren();
            }
        }
        return new ServiceState(
                text.get("name"),
                text.get("containerId"),
                text.get("containerName"),
                number(text, "rank"),
                text.get("host"),
                text.get("ip"),
                ports);
    }

    private static int number(Map<String, String> fields, String field) throws IOException {
        try {
            return Integer.parseInt(fields.getOrDefault(field, "0"));
        } catch (NumberFormatException e) {
            throw new IOException("\"" + field + "\" is not a whole number: " + fields.get(field), e);
        }
    }

    private static void expect(JsonToken actual, JsonToken expected, String what) throws IOException {
        if (actual != expected) {
            throw new IOException(what + " is not what Berth writes: " + expected + " expected, " + actual + " found");
        }
    }
}
