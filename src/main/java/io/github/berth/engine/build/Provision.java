package io.github.berth.engine.build;

import io.github.berth.engine.ConfigurationException;
import java.util.List;
import java.util.Objects;

/**
 * An image made by running a command in a container and committing it, rather than by a Dockerfile.
 *
 * @param name the image's name, like a builder's
 * @param from the start image: a builder's name, another provisioned image's name, or an image reference
 * @param command the command and its arguments, run in place of the start image's entrypoint and command
 * @param paths project paths (relative to the project root; {@code DIR/} for a folder) made available in the
 *     container under {@code /extra/PATH}
 */
public record Provision(String name, String from, List<String> command, List<String> paths) {

    /** Where the provided paths appear in the container, as included paths do in a Dockerfile's context. */
    public static final String PROVIDED_AT = "/" + ContextAssembler.INCLUDES;

    public Provision {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        paths = List.copyOf(paths);
        if (!Builders.validName(name)) {
            throw new ConfigurationException("Provisioned image name '" + name + "' is one Docker refuses; use"
                    + " lower-case letters, digits and single '.', '_' or '-' between them");
        }
        if (from == null || from.isBlank()) {
            throw new ConfigurationException("Provisioned image " + name + " has no <from>; name a builder, another"
                    + " provisioned image or an image reference to start from");
        }
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new ConfigurationException("Provisioned image " + name + " has no <command>; give the command that"
                    + " provisions it, for example 'sh /extra/provision.sh'");
        }
    }
}
