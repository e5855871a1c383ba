package io.github.berth.engine.cluster;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.Reporter;
import io.github.berth.engine.docker.DockerImageLookup;
import io.github.berth.engine.docker.DockerPulls;
import io.github.berth.engine.docker.ImageReference;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the image each service runs: the newest image of the builder the service names, else the image its reference
 * names in the engine, pulled from its registry as the {@link PullPolicy} says. Distinct images are looked up and
 * pulled in parallel.
 */
final class ServiceImages {

    private static final String NOT_BUILT = "its builder has made no image for this project yet";

    private final DockerImageLookup images;
    private final DockerPulls pulls;
    private final String engine;
    private final Reporter reporter;

    ServiceImages(DockerImageLookup images, DockerPulls pulls, String engine, Reporter reporter) {
        this.images = Objects.requireNonNull(images, "images");
        this.pulls = Objects.requireNonNull(pulls, "pulls");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.reporter = Objects.requireNonNull(reporter, "reporter");
    }

    /**
     * The image reference each service of {@code cluster} runs, by service name.
     *
     * @throws ConfigurationException when an image is missing and was not to be pulled
     * @throws BerthException when a pull failed; the message names each service and the registry's reason
     */
    Map<String, String> resolve(ClusterSpec cluster, StartRequest request) {
        Map<String, Optional<String>> resolved = new ConcurrentHashMap<>();
        Map<String, String> failures = new ConcurrentHashMap<>();
        Parallel.forEach(
                cluster.services().stream().map(ServiceSpec::image).distinct().toList(),
                image -> resolved.put(image, find(image, request, failures)));

        Map<String, String> refs = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (ServiceSpec service : cluster.services()) {
            Optional<String> ref = resolved.get(service.image());
            if (ref.isPresent()) {
                refs.put(service.name(), ref.get());
            } else {
                String why = failures.getOrDefault(service.image(), "not in the engine");
                missing.add("service '" + service.name() + "' <image> " + service.image() + ": " + why);
            }
        }
        if (!missing.isEmpty()) {
            throw unavailable(
                    cluster,
                    request.pull(),
                    missing,
                    failures.values().stream().anyMatch(why -> !why.startsWith(NOT_BUILT)));
        }
        return refs;
    }

    private BerthException unavailable(ClusterSpec cluster, PullPolicy policy, List<String> missing, boolean pulled) {
        String list = "\n  - " + String.join("\n  - ", missing);
        if (pulled) {
            return new BerthException("Images of cluster " + cluster.name() + " could not be pulled into the Docker"
                    + " engine at " + engine + ":" + list + "\nCheck each name and tag; for a private registry, log"
                    + " in with 'docker login REGISTRY' (Berth uses the Docker CLI's credentials).");
        }
        String fix = policy == PullPolicy.NEVER
                ? "Build them first (berth:build-images, with a builder of that name), pull them with 'docker pull',"
                        + " or let start-cluster pull them (berth.pull=missing, and Maven not offline)."
                : "Build them first (berth:build-images, with a builder of that name) or pull them with 'docker pull'.";
        return new ConfigurationException("Images of cluster " + cluster.name() + " are not present in the Docker"
                + " engine at " + engine + ":" + list + "\n" + fix);
    }

    private Optional<String> find(String image, StartRequest request, Map<String, String> failures) {
        if (isPlainName(image)) {
            Optional<String> built = images.builtBy(image, request.identity().project());
            if (built.isPresent()) {
                return built;
            }
            if (Files.isDirectory(request.builderDirectory().resolve("builder-" + image))) {
                // Never pull what should have been built: a public image of that name is someone else's.
                failures.put(
                        image, NOT_BUILT + " (" + request.builderDirectory().resolve("builder-" + image) + ")");
                return Optional.empty();
            }
        }
        PullPolicy policy = request.pull();
        boolean present = images.exists(image);
        if (policy == PullPolicy.ALWAYS || policy == PullPolicy.MISSING && !present) {
            try {
                pull(image);
                return Optional.of(image);
            } catch (BerthException e) {
                if (!present) {
                    failures.put(image, e.getMessage());
                    return Optional.empty();
                }
                reporter.warning(e.getMessage() + "; running the engine's copy of " + image + " instead");
            }
        }
        return present ? Optional.of(image) : Optional.empty();
    }

    private void pull(String image) {
        ImageReference reference = ImageReference.parse(image);
        long begin = System.nanoTime();
        boolean downloaded = pulls.pull(reference, line -> reporter.detail("Pulling " + image + ": " + line));
        String took = String.format("%.1f s", (System.nanoTime() - begin) / 1e9);
        reporter.milestone(
                downloaded
                        ? "Pulled image " + image + " in " + took
                        : "Image " + image + " is up to date (" + took + ")");
    }

    /** A name without tag or digest, which may name a builder. */
    private static boolean isPlainName(String image) {
        String last = image.substring(image.lastIndexOf('/') + 1);
        return !last.contains(":") && !last.contains("@");
    }
}
