package io.github.berth.engine.docker;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the engine's inspection of a container says that Berth reads: its state, its memory limit, its address on
 * each network and its published ports. Read with the streaming parser from the engine's answer, skipping the rest.
 *
 * @param status the state as a {@link ContainerStatus}, with the address on no network yet
 * @param memoryLimit the memory limit in bytes, 0 for none
 * @param addresses the container's IPv4 address by network name
 * @param gateways the gateway of each network the container is on, by network name
 * @param networkIds the id of each network the container is on, by network name
 */
record ContainerInspection(
        ContainerStatus status,
        long memoryLimit,
        Map<String, String> addresses,
        Map<String, String> gateways,
        Map<String, String> networkIds) {

    ContainerInspection {
        addresses = Map.copyOf(addresses);
        gateways = Map.copyOf(gateways);
        networkIds = Map.copyOf(networkIds);
    }

    /** The status, with the container's address on {@code network}, that network's gateway and its id. */
    ContainerStatus status(String network) {
        return new ContainerStatus(
                status.id(),
                status.state(),
                status.exitCode(),
                status.oomKilled(),
                status.health(),
                status.healthOutput(),
                status.error(),
                addresses.getOrDefault(network, ""),
                gateways.getOrDefault(network, ""),
                networkIds.getOrDefault(network, ""),
                status.ports());
    }

    /** Reads one inspection: the parser stands before its opening brace. */
    static ContainerInspection read(JsonParser parser) throws IOException {
        Reading reading = new Reading();
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("the engine's description of a container is not a JSON object");
        }
        fields(parser, (field, value) -> switch (field) {
            case "Id" -> {
                reading.id = parser.getText();
                yield true;
            }
            case "State" -> value == JsonToken.START_OBJECT && reading.state(parser);
            case "HostConfig" -> value == JsonToken.START_OBJECT && reading.hostConfig(parser);
            case "NetworkSettings" -> value == JsonToken.START_OBJECT && reading.networkSettings(parser);
            default -> false;
        });
        if (reading.id == null) {
            throw new IOException("the engine described a container without an Id");
        }
        return new ContainerInspection(
                new ContainerStatus(
                        reading.id,
                        reading.state == null ? "unknown" : reading.state,
                        (int) reading.exitCode,
                        reading.oomKilled,
                        reading.health == null || reading.health.isBlank() ? null : reading.health,
                        reading.healthOutput,
                        reading.error,
                        "",
                        "",
                        "",
                        reading.ports),
                reading.memory,
                reading.addresses,
                reading.gateways,
                reading.networkIds);
    }

    /**
     * Reads the fields of an object whose opening brace was read, up to its closing one. A field the reader does not
     * take, by answering false, is skipped whole.
     */
    static void fields(JsonParser parser, FieldReader reader) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!reader.read(field, value)) {
                parser.skipChildren();
            }
        }
    }

    /** Takes one field's value, the parser standing on its first token, or answers false to have it skipped. */
    @FunctionalInterface
    interface FieldReader {
        boolean read(String field, JsonToken value) throws IOException;
    }

    /** The fields found so far. */
    private static final class Reading {
        private String id;
        private String state;
        private long exitCode;
        private boolean oomKilled;
        private String error;
        private String health;
        private String healthOutput;
        private long memory;
        private final Map<String, String> addresses = new HashMap<>();
        private final Map<String, String> gateways = new HashMap<>();
        private final Map<String, String> networkIds = new HashMap<>();
        private final List<ContainerStatus.PublishedPort> ports = new ArrayList<>();

        boolean state(JsonParser parser) throws IOException {
            fields(parser, (field, value) -> switch (field) {
                case "Status" -> {
                    state = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    yield true;
                }
                case "ExitCode" -> {
                    exitCode = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : 0;
                    yield true;
                }
                case "OOMKilled" -> {
                    oomKilled = value == JsonToken.VALUE_TRUE;
                    yield true;
                }
                case "Error" -> {
                    error = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    yield true;
                }
                case "Health" -> value == JsonToken.START_OBJECT && health(parser);
                default -> false;
            });
            return true;
        }

        private boolean health(JsonParser parser) throws IOException {
            fields(parser, (field, value) -> {
                if (field.equals("Status") && value == JsonToken.VALUE_STRING) {
                    health = parser.getText();
                    return true;
                }
                if (field.equals("Log") && value == JsonToken.START_ARRAY) {
                    // The engine keeps the last few runs, oldest first.
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        fields(parser, (entry, text) -> {
                            if (entry.equals("Output") && text == JsonToken.VALUE_STRING) {
                                healthOutput = parser.getText();
                                return true;
                            }
                            return false;
                        });
                    }
                    return true;
                }
                return false;
            });
            return true;
        }

        boolean hostConfig(JsonParser parser) throws IOException {
            fields(parser, (field, value) -> {
                if (field.equals("Memory") && value == JsonToken.VALUE_NUMBER_INT) {
                    memory = parser.getLongValue();
                    return true;
                }
                return false;
            });
            return true;
        }

        boolean networkSettings(JsonParser parser) throws IOException {
            fields(parser, (field, value) -> switch (field) {
                case "Networks" -> value == JsonToken.START_OBJECT && networks(parser);
                case "Ports" -> value == JsonToken.START_OBJECT && ports(parser);
                default -> false;
            });
            return true;
        }

        private boolean networks(JsonParser parser) throws IOException {
            fields(parser, (network, value) -> {
                if (value != JsonToken.START_OBJECT) {
                    return false;
                }
                fields(parser, (field, address) -> {
                    if (address != JsonToken.VALUE_STRING) {
                        return false;
                    }
                    if (field.equals("IPAddress")) {
                        addresses.put(network, parser.getText());
                    } else if (field.equals("Gateway")) {
                        gateways.put(network, parser.getText());
                    } else if (field.equals("NetworkID")) {
                        networkIds.put(network, parser.getText());
                    }
                    return true;
                });
                return true;
            });
            return true;
        }

        /**
         * Reads {@code {"80/tcp": [{"HostIp": "127.0.0.1", "HostPort": "32768"}], ...}}, keeping every binding of each
         * port: a port may be published on several host ports. An IPv6 binding is left out where an IPv4 one has the
         * same host port, as when the engine, asked for all addresses, binds both.
         */
        private boolean ports(JsonParser parser) throws IOException {
            fields(parser, (key, value) -> {
                if (value != JsonToken.START_ARRAY) {
                    return false;
                }
                int containerPort =
                        Integer.parseInt(key.substring(0, key.indexOf('/') < 0 ? key.length() : key.indexOf('/')));
                List<ContainerStatus.PublishedPort> ipv4 = new ArrayList<>();
                List<ContainerStatus.PublishedPort> ipv6 = new ArrayList<>();
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    String[] binding = new String[2];
                    fields(parser, (field, text) -> {
                        if (text == JsonToken.VALUE_STRING && (field.equals("HostIp") || field.equals("HostPort"))) {
                            binding[field.equals("HostIp") ? 0 : 1] = parser.getText();
                            return true;
                        }
                        return false;
                    });
                    if (binding[1] != null && !binding[1].isEmpty()) {
                        boolean isIpv6 = binding[0] != null && binding[0].contains(":");
                        (isIpv6 ? ipv6 : ipv4)
                                .add(new ContainerStatus.PublishedPort(
                                        containerPort, binding[0], Integer.parseInt(binding[1])));
                    }
                }
                ports.addAll(ipv4);
                ipv6.stream()
                        .filter(port -> ipv4.stream().noneMatch(other -> other.hostPort() == port.hostPort()))
                        .forEach(ports::add);
                return true;
            });
            return true;
        }
    }
}
