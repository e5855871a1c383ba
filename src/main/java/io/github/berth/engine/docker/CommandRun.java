package io.github.berth.engine.docker;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A command to run in a container of an image, whose file system is committed as a new image when the command
 * succeeds.
 *
 * @param name the name of the image to make, for messages and the container's name
 * @param startImage the id or reference of the image the container runs
 * @param command the command and its arguments, run in place of the image's entrypoint and command
 * @param files writes a tar of the files to make available in the container; it is unpacked at {@code /}
 * @param volumeAt where a volume of the run's own is mounted, so that the files unpacked below it stay out of the
 *     committed image
 * @param repository the repository of the committed image; it is tagged {@code repository:latest}
 * @param labels the labels of the container, its volume and the committed image
 */
public record CommandRun(
        String name,
        String startImage,
        List<String> command,
        ContextSource files,
        String volumeAt,
        String repository,
        Map<String, String> labels) {

    public CommandRun {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(startImage, "startImage");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(volumeAt, "volumeAt");
        Objects.requireNonNull(repository, "repository");
        command = List.copyOf(command);
        labels = Map.copyOf(labels);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("No command to run for " + name);
        }
    }
}
