package io.github.berth.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.berth.engine.BerthException;
import io.github.berth.engine.ConfigurationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Finds the credentials the Docker CLI keeps for a registry: in the credential helper that {@code credHelpers} names
 * for it, else in the store that {@code credsStore} names, else in {@code auths}. The file is the one in
 * {@code DOCKER_CONFIG}, or {@code ~/.docker/config.json}. No registry needs any: without them a pull is anonymous.
 */
public final class RegistryCredentials {

    private static final long HELPER_SECONDS = 30;

    private final Path configFile;
    private final List<Path> helperPath;

    /**
     * @param configFile the Docker CLI's {@code config.json}; it need not exist
     * @param helperPath the folders searched for {@code docker-credential-NAME} programs
     */
    public RegistryCredentials(Path configFile, List<Path> helperPath) {
        this.configFile = Objects.requireNonNull(configFile, "configFile");
        this.helperPath = List.copyOf(helperPath);
    }

    /** The Docker CLI's configuration of this user, with helpers looked up on the {@code PATH}. */
    public static RegistryCredentials ofUser() {
        String dockerConfig = System.getenv("DOCKER_CONFIG");
        Path folder = dockerConfig == null || dockerConfig.isBlank()
                ? Path.of(System.getProperty("user.home"), ".docker")
                : Path.of(dockerConfig);
        String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
        List<Path> folders = new ArrayList<>();
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                folders.add(Path.of(entry));
            }
        }
        return new RegistryCredentials(folder.resolve("config.json"), folders);
    }

    /**
     * The credentials for the registry of {@code image}, or empty for an anonymous pull.
     *
     * @throws ConfigurationException when the configuration cannot be read or names a helper that is not installed
     * @throws BerthException when a credential helper fails
     */
    public Optional<RegistryAuth> forImage(ImageReference image) {
        if (!Files.isRegularFile(configFile)) {
            return Optional.empty();
        }
        JsonNode config = readConfig();
        String key = image.credentialsKey();
        String helper = text(config.path("credHelpers").path(key))
                .or(() -> text(config.path("credHelpers").path(image.registry())))
                .or(() -> text(config.get("credsStore")))
                .orElse("");
        Optional<RegistryAuth> fromHelper = helper.isEmpty() ? Optional.empty() : askHelper(helper, key);
        return fromHelper.or(() -> fromAuths(config.path("auths"), image));
    }

    private JsonNode readConfig() {
        try {
            JsonNode config = new ObjectMapper().readTree(configFile.toFile());
            if (config == null || !config.isObject()) {
                throw new IOException("it does not hold a JSON object");
            }
            return config;
        } catch (IOException e) {
            throw new ConfigurationException(
                    "Cannot read the Docker CLI's configuration " + configFile + ": " + e.getMessage()
                            + "; fix the file, or point DOCKER_CONFIG at another folder",
                    e);
        }
    }

    private Optional<RegistryAuth> fromAuths(JsonNode auths, ImageReference image) {
        Iterator<Map.Entry<String, JsonNode>> entries = auths.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (sameRegistry(entry.getKey(), image.registry())) {
                return fromAuthEntry(entry.getKey(), entry.getValue());
            }
        }
        return Optional.empty();
    }

    private Optional<RegistryAuth> fromAuthEntry(String server, JsonNode entry) {
        String identityToken = text(entry.get("identitytoken")).orElse("");
        Optional<String> auth = text(entry.get("auth"));
        if (auth.isPresent()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.get()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("The \"auth\" of " + server + " in " + configFile
                        + " is not Base64; log in again with 'docker login " + server + "'");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new ConfigurationException("The \"auth\" of " + server + " in " + configFile
                        + " is not USER:PASSWORD in Base64; log in again with 'docker login " + server + "'");
            }
            return Optional.of(
                    new RegistryAuth(server, decoded.substring(0, colon), decoded.substring(colon + 1), identityToken));
        }
        String username = text(entry.get("username")).orElse("");
        String password = text(entry.get("password")).orElse("");
        if (username.isEmpty() && identityToken.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RegistryAuth(server, username, password, identityToken));
    }

    /** Whether a key of {@code auths}, with or without scheme and path, names {@code registry}. */
    static boolean sameRegistry(String key, String registry) {
        String host = key.toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "");
        int slash = host.indexOf('/');
        host = slash < 0 ? host : host.substring(0, slash);
        String wanted = registry.toLowerCase(Locale.ROOT);
        if (wanted.equals(ImageReference.DOCKER_HUB)) {
            return host.equals("docker.io") || host.equals("index.docker.io") || host.equals("registry-1.docker.io");
        }
        return host.equals(wanted);
    }

    private Optional<RegistryAuth> askHelper(String helper, String server) {
        String program = "docker-credential-" + helper;
        Path executable = helperPath.stream()
                .map(folder -> folder.resolve(program))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new ConfigurationException(configFile + " names the credential helper '" + helper
                        + "', but no program " + program + " is on the PATH; install it, or remove it from the"
                        + " file's credsStore/credHelpers"));
        HelperAnswer answer = run(executable, server);
        if (answer.exitCode() != 0) {
            if (answer.error().toLowerCase(Locale.ROOT).contains("credentials not found")) {
                return Optional.empty();
            }
            throw new BerthException("The credential helper " + executable + " failed for " + server + " (exit code "
                    + answer.exitCode() + "): " + answer.error().strip());
        }
        try {
            JsonNode found = new ObjectMapper().readTree(answer.output());
            String username = text(found.get("Username")).orElse("");
            String secret = text(found.get("Secret")).orElse("");
            return username.equals("<token>")
                    ? Optional.of(new RegistryAuth(server, "", "", secret))
                    : Optional.of(new RegistryAuth(server, username, secret, ""));
        } catch (IOException e) {
            // The answer holds the secret: its text stays out of the message.
            throw new BerthException("The credential helper " + executable + " answered for " + server
                    + " with something other than its JSON credentials");
        }
    }

    private record HelperAnswer(int exitCode, String output, String error) {}

    private static HelperAnswer run(Path executable, String server) {
        Process process;
        try {
            process = new ProcessBuilder(executable.toString(), "get").start();
        } catch (IOException e) {
            throw new BerthException("Cannot run the credential helper " + executable + ": " + e.getMessage(), e);
        }
        try {
            CompletableFuture<String> output = drain(process.getInputStream());
            CompletableFuture<String> error = drain(process.getErrorStream());
            try (OutputStream input = process.getOutputStream()) {
                input.write(server.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(HELPER_SECONDS, TimeUnit.SECONDS)) {
                throw new BerthException("The credential helper " + executable + " did not answer for " + server
                        + " within " + HELPER_SECONDS + " s; it may be waiting for a desktop prompt");
            }
            return new HelperAnswer(process.exitValue(), output.join(), error.join());
        } catch (IOException e) {
            throw new BerthException("Cannot ask the credential helper " + executable + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException("Interrupted while asking the credential helper " + executable, e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try (stream) {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        stream.transferTo(bytes);
                        return bytes.toString(StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        return "";
                    }
                },
                RegistryCredentials::daemonThread);
    }

    /** Each stream gets its own thread: a shared pool of one thread would wait on one stream while the other fills. */
    private static void daemonThread(Runnable task) {
        Thread thread = new Thread(task, "berth-credential-helper");
        thread.setDaemon(true);
        thread.start();
    }

    private static Optional<String> text(JsonNode node) {
        return node == null || !node.isTextual() || node.asText().isEmpty()
                ? Optional.empty()
                : Optional.of(node.asText());
    }
}
