package io.github.berth.engine.build;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds the builders of a project: every {@code builder-NAME} folder holding a Dockerfile. */
public final class Builders {

    static final String PREFIX = "builder-";

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*");

    private Builders() {}

    /**
     * @param root the folder holding the builder folders
     * @return the builders by name, sorted
     * @throws ConfigurationException when {@code root} is a file, or a builder's name cannot name an image
     */
    public static Map<String, Builder> discover(Path root) {
        Map<String, Builder> builders = new TreeMap<>();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new ConfigurationException("The builder directory " + root + " is a file; point builderDirectory"
                    + " (berth.builderDirectory) at the folder that holds the builder-NAME folders");
        }
        if (!Files.isDirectory(root)) {
            return builders;
        }
        try (Stream<Path> children = Files.list(root)) {
            for (Path directory : children.sorted().toList()) {
                String folder = directory.getFileName().toString();
                if (!folder.startsWith(PREFIX) || !Files.isRegularFile(directory.resolve("Dockerfile"))) {
                    continue;
                }
                String name = folder.substring(PREFIX.length());
                if (!NAME.matcher(name).matches()) {
                    throw new ConfigurationException("Builder folder " + directory + " gives image name '" + name
                            + "', which Docker refuses; rename the folder to builder-NAME with NAME of lower-case"
                            + " letters, digits and single '.', '_' or '-' between them");
                }
                // A folder that is a link is followed, as docker build follows a linked context: its files are
                // walked, and their changes seen, where they are.
                builders.put(
                        name, new Builder(name, Files.isSymbolicLink(directory) ? directory.toRealPath() : directory));
            }
        } catch (IOException e) {
            throw new BerthException("Cannot list the builder folders in " + root + ": " + e.getMessage(), e);
        }
        return builders;
    }

    /**
     * Warnings for builder folders whose Dockerfile is spelt in another case or is no file, which {@link #discover}
     * skips.
     *
     * @param root the folder holding the builder folders
     */
    public static List<String> misspelt(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<String> warnings = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            for (Path directory : children.sorted().toList()) {
                if (!directory.getFileName().toString().startsWith(PREFIX)
                        || !Files.isDirectory(directory)
                        || Files.isRegularFile(directory.resolve("Dockerfile"))) {
                    continue;
                }
                try (Stream<Path> files = Files.list(directory)) {
                    files.map(f -> f.getFileName().toString())
                            .filter(f -> f.equalsIgnoreCase("Dockerfile"))
                            .sorted()
                            .forEach(f -> warnings.add(
                                    f.equals("Dockerfile")
                                            ? "Builder folder " + directory + " has a 'Dockerfile' that is not a"
                                                    + " readable file (a folder or a broken link), so it is skipped;"
                                                    + " make it a file"
                                            : "Builder folder " + directory + " holds '" + f + "' but no"
                                                    + " 'Dockerfile', so it is skipped; rename the file to"
                                                    + " Dockerfile"));
                }
            }
        } catch (IOException e) {
            throw new BerthException("Cannot list the builder folders in " + root + ": " + e.getMessage(), e);
        }
        return warnings;
    }

    /** Whether {@code name} is one Docker accepts as an image name. */
    static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    /**
     * The builders named in {@code selection}, all when it is empty.
     *
     * @throws ConfigurationException for a name that is no builder
     */
    public static List<Builder> select(Map<String, Builder> builders, List<String> selection, Path root) {
        if (selection.isEmpty()) {
            return List.copyOf(builders.values());
        }
        List<Builder> selected = new ArrayList<>();
        for (String name : selection) {
            Builder builder = builders.get(name);
            if (builder == null) {
                throw new ConfigurationException("No builder '" + name + "' in " + root + " (found: "
                        + String.join(", ", builders.keySet()) + "); create " + root.resolve(PREFIX + name)
                        + "/Dockerfile or fix the name in the builders parameter");
            }
            selected.add(builder);
        }
        return List.copyOf(selected);
    }
}
