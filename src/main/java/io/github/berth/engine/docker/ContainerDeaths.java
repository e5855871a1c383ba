package io.github.berth.engine.docker;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Tells of each followed container whose process ends, as soon as the engine's event stream reports it. The engine
 * answers a stop request only after it has also released the container's network and file system, on Docker 20.10
 * about 0.1 s after the process ended; whoever only needs the process gone can go on at the event.
 */
public final class ContainerDeaths extends FollowedStream {

    /** The names of the event: Docker's, and Podman's own, which some Podman versions send to Docker's clients. */
    private static final Set<String> DEATH = Set.of("die", "died");

    private final Consumer<String> died;

    ContainerDeaths(Consumer<String> died) {
        this.died = died;
    }

    /** Reads events until the stream ends, passing the id of each container that died to the consumer. */
    void read(InputStream events) throws IOException {
        try (JsonParser parser = EngineJson.FACTORY.createParser(events)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_OBJECT) {
                    event(parser);
                } else {
                    parser.skipChildren();
                }
            }
        }
    }

    /** One event, its opening brace read: Docker names the container in {@code id} and {@code Actor.ID}. */
    private void event(JsonParser parser) throws IOException {
        boolean death = false;
        String id = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_STRING && (field.equals("status") || field.equals("Action"))) {
                death |= DEATH.contains(parser.getText());
            } else if (value == JsonToken.VALUE_STRING && field.equals("id")) {
                id = parser.getText();
            } else if (value == JsonToken.START_OBJECT && field.equals("Actor")) {
                String actor = actorId(parser);
                id = actor != null ? actor : id;
            } else {
                parser.skipChildren();
            }
        }
        if (death && id != null) {
            died.accept(id);
        }
    }

    /** The {@code ID} of the {@code Actor} object, its opening brace read, read to its end. */
    private static String actorId(JsonParser parser) throws IOException {
        String id = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            if (parser.nextToken() == JsonToken.VALUE_STRING && field.equals("ID")) {
                id = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return id;
    }
}
