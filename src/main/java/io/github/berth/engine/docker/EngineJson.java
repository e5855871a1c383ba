package io.github.berth.engine.docker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's JSON as {@link DirectRequests} writes and reads it, with Jackson's streaming API: request bodies, label
 * filters, and the objects of its lists.
 */
final class EngineJson {

    static final JsonFactory FACTORY = new JsonFactory();

    private EngineJson() {}

    static ContainerSummary container(JsonParser parser) throws IOException {
        String id = null;
        String name = null;
        String state = null;
        Map<String, String> labels = Map.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "Id" -> id = parser.getText();
                case "State" -> state = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "Labels" -> labels = value == JsonToken.START_OBJECT ? labels(parser) : Map.of();
                case "Names" -> {
                    if (value == JsonToken.START_ARRAY) {
                        while (parser.nextToken() == JsonToken.VALUE_STRING) {
                            name = name == null ? parser.getText().replaceFirst("^/", "") : name;
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (id == null) {
            throw new IOException("the engine listed a container without an Id");
        }
        return new ContainerSummary(id, name == null ? id : name, labels, state);
    }

    /** Reads an array of objects, each with a Name and Labels, up to its end. */
    static Map<String, Map<String, String>> namesAndLabels(JsonParser parser) throws IOException {
        Map<String, Map<String, String>> found = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            String name = null;
            Map<String, String> labels = Map.of();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("Name")) {
                    name = parser.getText();
                } else if (field.equals("Labels") && value == JsonToken.START_OBJECT) {
                    labels = labels(parser);
                } else {
                    parser.skipChildren();
                }
            }
            if (name != null) {
                found.put(name, labels);
            }
        }
        return found;
    }

    /**
     * Writes and reads a small document on a thread of its own: every goal's first request waits for Jackson's
     * classes, which then load on another core while the engine is reached.
     */
    static void warmUp() {
        Thread thread = new Thread(
                () -> {
                    try (JsonParser parser = FACTORY.createParser(json(json -> {
                        json.writeStartObject();
                        json.writeStringField("Id", "");
                        json.writeEndObject();
                    }))) {
                        id(parser);
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot read JSON from memory", e);
                    }
                },
                "berth-json-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** Writes a JSON document with {@code content}, for a request's body. */
    static byte[] json(JsonContent content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
            content.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write JSON to memory", e);
        }
        return bytes.toByteArray();
    }

    /** Writes {@code values} as the object {@code field} of the object being written. */
    static void writeStrings(JsonGenerator json, String field, Map<String, String> values) throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, String> value : values.entrySet()) {
            json.writeStringField(value.getKey(), value.getValue());
        }
        json.writeEndObject();
    }

    /** Writes a request's JSON body. */
    @FunctionalInterface
    interface JsonContent {
        void write(JsonGenerator json) throws IOException;
    }

    static ImageInfo image(JsonParser parser) throws IOException {
        String id = "";
        List<String> tags = List.of();
        Map<String, String> labels = Map.of();
        long created = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "Id" -> id = ImageNames.id(parser.getText());
                case "Created" -> created = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : 0;
                case "RepoTags" -> tags = value == JsonToken.START_ARRAY ? tags(parser) : List.of();
                case "Labels" -> labels = value == JsonToken.START_OBJECT ? labels(parser) : Map.of();
                default -> parser.skipChildren();
            }
        }
        return new ImageInfo(id, tags, labels, Instant.ofEpochSecond(created));
    }

    static List<String> tags(JsonParser parser) throws IOException {
        List<String> tags = new ArrayList<>();
        while (parser.nextToken() == JsonToken.VALUE_STRING) {
            // older engines list an untagged image with this tag
            if (!parser.getText().equals("<none>:<none>")) {
                tags.add(ImageNames.familiarTag(parser.getText()));
            }
        }
        return tags;
    }

    static Map<String, String> labels(JsonParser parser) throws IOException {
        Map<String, String> labels = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            labels.put(key, parser.getValueAsString(""));
        }
        return labels;
    }

    static void expect(JsonParser parser, JsonToken token) throws IOException {
        if (parser.nextToken() != token) {
            throw new IOException("the engine's answer is not the JSON expected: " + token + " missing");
        }
    }

    /** {@code {"label":["KEY=VALUE",...]}}, the engine's filter for objects carrying every one of the labels. */
    static String labelFilter(Map<String, String> labels) throws IOException {
        return filter(null, labels);
    }

    /** The engine's filter for the events of containers carrying every one of the labels. */
    static String containerEventFilter(Map<String, String> labels) throws IOException {
        return filter("container", labels);
    }

    private static String filter(String type, Map<String, String> labels) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.writeStartObject();
            if (type != null) {
                json.writeArrayFieldStart("type");
                json.writeString(type);
                json.writeEndArray();
            }
            json.writeArrayFieldStart("label");
            for (String label : DockerLabels.filter(labels)) {
                json.writeString(label);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return text.toString();
    }

    /** The {@code Id} field of the object the parser stands before, read up to that field; empty without one. */
    static Optional<String> id(JsonParser parser) throws IOException {
        expect(parser, JsonToken.START_OBJECT);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals("Id")) {
                return Optional.of(parser.getText());
            }
            parser.skipChildren();
        }
        return Optional.empty();
    }
}
