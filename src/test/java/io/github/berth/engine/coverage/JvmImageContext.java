package io.github.berth.engine.coverage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A build context for an image {@code FROM scratch} that runs a class of the test classpath on a {@code jlink} runtime
 * of the running JDK, with the JaCoCo agent writing to {@code /coverage/jacoco.exec}. The runtime and the shared
 * libraries it needs (found with {@code ldd}) are copied in with their paths, so nothing is pulled.
 */
final class JvmImageContext {

    private static final Pattern LIBRARY = Pattern.compile("(/\\S+) \\(0x");

    private JvmImageContext() {}

    /** Writes the context for running {@code mainClass} into {@code directory}. */
    static Path create(Path directory, Class<?> mainClass) throws IOException, InterruptedException {
        Path runtime = directory.resolve("jre");
        String jlink = Path.of(System.getProperty("java.home"), "bin", "jlink").toString();
        run(
                jlink,
                "--add-modules",
                "java.base,jdk.httpserver,java.management,java.instrument",
                "--strip-debug",
                "--no-header-files",
                "--no-man-pages",
                "--output",
                runtime.toString());
        for (String library : libraries(runtime)) {
            Path target = directory.resolve("rootfs" + library);
            Files.createDirectories(target.getParent());
            Files.copy(Path.of(library).toRealPath(), target);
        }
        Files.copy(agentJar(), directory.resolve("jacocoagent.jar"));
        String classFile = mainClass.getName().replace('.', '/') + ".class";
        Path app = directory.resolve("app").resolve(classFile);
        Files.createDirectories(app.getParent());
        Files.copy(pathOf(resource(classFile)), app);
        Files.writeString(directory.resolve("Dockerfile"), """
                FROM scratch
                COPY rootfs/ /
                COPY jre/ /opt/jre/
                COPY jacocoagent.jar /opt/jacoco/jacocoagent.jar
                COPY app/ /app/
                ENTRYPOINT ["/opt/jre/bin/java", "-XX:-UsePerfData", \
                "-javaagent:/opt/jacoco/jacocoagent.jar=destfile=/coverage/jacoco.exec", "-cp", "/app", "%s"]
                """.formatted(mainClass.getName()));
        return directory;
    }

    /** The shared libraries outside the runtime that its launcher and libraries load, as {@code ldd} finds them. */
    private static Set<String> libraries(Path runtime) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("ldd", runtime.resolve("bin/java").toString()));
        try (Stream<Path> files = Files.walk(runtime.resolve("lib"))) {
            files.filter(file -> file.toString().endsWith(".so")).forEach(file -> command.add(file.toString()));
        }
        Set<String> libraries = new TreeSet<>();
        Matcher matcher = LIBRARY.matcher(run(command.toArray(String[]::new)));
        while (matcher.find()) {
            if (!matcher.group(1).startsWith(runtime.toString())) {
                libraries.add(matcher.group(1));
            }
        }
        return libraries;
    }

    /** The JaCoCo agent jar (runtime classifier), which is on the test classpath. */
    private static Path agentJar() {
        String url = resource("org/jacoco/agent/rt/RT.class").toString();
        try {
            return pathOf(new URL(url.substring("jar:".length(), url.indexOf("!/"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path pathOf(URL url) {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(url + " is no file", e);
        }
    }

    private static URL resource(String name) {
        URL url = JvmImageContext.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException(name + " is not on the test classpath");
        }
        return url;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0 && !command[0].equals("ldd")) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit + ":\n" + output);
        }
        return output;
    }
}
