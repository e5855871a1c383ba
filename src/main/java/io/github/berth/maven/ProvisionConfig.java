package io.github.berth.maven;

import io.github.berth.engine.build.Provision;
import java.util.List;

/**
 * One {@code <provision>} of {@code build-images}: an image made by running a command in a container of a start
 * image and committing it.
 *
 * <pre>{@code
 * <provision>
 *   <name>tools</name>
 *   <from>base</from>
 *   <command>sh /extra/scripts/install-tools.sh</command>
 *   <paths><path>scripts/</path></paths>
 * </provision>
 * }</pre>
 */
public class ProvisionConfig {

    /** The image's name. */
    String name;

    /** The start image: a builder's name, another provisioned image's name, or an image reference. */
    String from;

    /** The command, run by {@code /bin/sh -c} in place of the start image's entrypoint and command. */
    String command;

    /** Project paths, relative to the project folder ({@code DIR/} for a folder), found in the container under
     * {@code /extra/PATH}. */
    List<String> paths;

    Provision toProvision() {
        return new Provision(
                name,
                from,
                command == null || command.isBlank() ? List.of() : List.of("/bin/sh", "-c", command),
                paths == null ? List.of() : paths);
    }
}
