package io.github.berth.engine.build;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.Labels;
import io.github.berth.engine.Reporter;
import io.github.berth.engine.docker.DockerCommits;
import io.github.berth.engine.docker.DockerImages;
import io.github.berth.engine.docker.ImageInfo;
import io.github.berth.engine.docker.RegistryCredentials;
import io.github.berth.engine.redo.Clobbers;
import io.github.berth.engine.redo.MadeTimes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Builds the images of a project's builders: each after the builders it is built FROM, the others in parallel on a
 * bounded number of workers.
 */
public final class ImageBuilds {

    private final DockerImages images;
    private final DockerCommits commits;
    private final Reporter reporter;
    private final RegistryCredentials credentials;

    public ImageBuilds(DockerImages images, Reporter reporter) {
        this(images, null, reporter);
    }

    /** @param commits runs the commands of provisioned images; {@code null} when the request has none */
    public ImageBuilds(DockerImages images, DockerCommits commits, Reporter reporter) {
        this(images, commits, reporter, RegistryCredentials.ofUser());
    }

    /**
     * @param commits runs the commands of provisioned images; {@code null} when the request has none
     * @param credentials where the credentials come from for a base image the engine must pull during a build
     */
    public ImageBuilds(DockerImages images, DockerCommits commits, Reporter reporter, RegistryCredentials credentials) {
        this.images = Objects.requireNonNull(images, "images");
        this.commits = commits;
        this.reporter = Objects.requireNonNull(reporter, "reporter");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /**
     * Builds what {@code request} asks for.
     *
     * @return the image of each builder, in build order
     * @throws io.github.berth.engine.ConfigurationException for a mistake in a builder (naming it and the fix)
     * @throws BerthException when the engine fails
     */
    public List<BuiltImage> build(BuildRequest request) {
        Map<String, Builder> all = Builders.discover(request.builderRoot());
        Builders.misspelt(request.builderRoot()).forEach(reporter::warning);
        Map<String, Provision> provisions = provisions(request, all.keySet());
        Set<String> names = new LinkedHashSet<>(all.keySet());
        names.addAll(provisions.keySet());
        request.rebuild().unknown(names, "builder").ifPresent(reporter::warning);
        DockerfileParser parser = new DockerfileParser(request.buildArgs());
        Map<String, Dockerfile> dockerfiles = new HashMap<>();
        Map<String, Set<String>> dependencies = new HashMap<>();
        for (Builder builder : all.values()) {
            Dockerfile dockerfile = parser.parse(builder.dockerfile(), read(builder.dockerfile()));
            dockerfiles.put(builder.name(), dockerfile);
            dependencies.put(builder.name(), dependencies(dockerfile, names, request.imagePrefix()));
        }
        for (Provision provision : provisions.values()) {
            dependencies.put(
                    provision.name(),
                    builderNamed(provision.from(), names, request.imagePrefix()).stream()
                            .collect(Collectors.toSet()));
        }
        List<String> order = BuildOrder.of(wanted(request, all, provisions), dependencies);
        if (order.isEmpty()) {
            reporter.warning(
                    "No builders in " + request.builderRoot() + ": add a folder builder-NAME with a Dockerfile");
            return List.of();
        }

        Clobbers clobbers = new Clobbers(request.builderRoot(), new MadeTimes(request.stateDirectory()));
        BuildRequest effective = request.withRebuild(request.rebuild().and(clobbered(order, clobbers, request)));
        ImageBuilder builder =
                new ImageBuilder(images, new SecureBases(images, reporter), credentials, reporter, effective);
        Provisioner provisioner = new Provisioner(images, commits, reporter, effective);
        return run(
                order,
                dependencies,
                (name, made) -> {
                    BuiltImage image = provisions.containsKey(name)
                            ? provisioner.provision(provisions.get(name), made)
                            : builder.build(all.get(name), dockerfiles.get(name), made);
                    if (image.outcome() == BuiltImage.Outcome.BUILT) {
                        clobbers.made(name);
                    }
                    return image;
                },
                request.workers(),
                new BuildFailures(dependencies, request.imagePrefix()));
    }

    private Map<String, Provision> provisions(BuildRequest request, Set<String> builders) {
        Map<String, Provision> provisions = new LinkedHashMap<>();
        if (!request.provisions().isEmpty() && commits == null) {
            throw new IllegalStateException("Provisioned images need an ImageBuilds made with DockerCommits");
        }
        for (Provision provision : request.provisions()) {
            if (builders.contains(provision.name())) {
                throw new ConfigurationException("Provisioned image " + provision.name() + " has the name of builder "
                        + request.builderRoot().resolve("builder-" + provision.name())
                        + "; rename one of them");
            }
            if (provisions.put(provision.name(), provision) != null) {
                throw new ConfigurationException(
                        "Two provisioned images are called " + provision.name() + "; rename one of them");
            }
        }
        return provisions;
    }

    private static List<String> wanted(
            BuildRequest request, Map<String, Builder> builders, Map<String, Provision> provisions) {
        List<String> wanted = new ArrayList<>();
        if (request.builders().isEmpty()) {
            wanted.addAll(builders.keySet());
            wanted.addAll(provisions.keySet());
            return wanted;
        }
        List<String> named = new ArrayList<>(request.builders());
        named.removeIf(provisions::containsKey);
        Builders.select(builders, named, request.builderRoot());
        wanted.addAll(request.builders());
        return wanted;
    }

    /** The names whose clobber file asks for them to be made again. */
    private Set<String> clobbered(List<String> order, Clobbers clobbers, BuildRequest request) {
        Set<String> due = new LinkedHashSet<>();
        for (String name : order) {
            Map<String, String> labels = Map.of(
                    Labels.OWNER, Labels.OWNER_VALUE, Labels.PROJECT, request.projectKey(), Labels.BUILDER, name);
            if (clobbers.due(
                    name, () -> images.findByLabels(labels).stream().findFirst().map(ImageInfo::created))) {
                reporter.detail("Image " + name + " is made again: " + Clobbers.PREFIX + name + " is newer than it");
                due.add(name);
            }
        }
        return due;
    }

    private static List<BuiltImage> run(
            List<String> order,
            Map<String, Set<String>> dependencies,
            BiFunction<String, Map<String, BuiltImage>, BuiltImage> make,
            int workers,
            BuildFailures failures) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "berth-build-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<String, CompletableFuture<BuiltImage>> futures = new HashMap<>();
            for (String name : order) {
                List<CompletableFuture<BuiltImage>> needed =
                        dependencies.get(name).stream().map(futures::get).toList();
                futures.put(
                        name,
                        CompletableFuture.allOf(needed.toArray(CompletableFuture[]::new))
                                .thenApplyAsync(ignored -> make.apply(name, results(needed)), pool));
            }
            return collect(order, futures, failures);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, BuiltImage> results(List<CompletableFuture<BuiltImage>> futures) {
        Map<String, BuiltImage> results = new HashMap<>();
        for (CompletableFuture<BuiltImage> future : futures) {
            BuiltImage image = future.join();
            results.put(image.builder(), image);
        }
        return results;
    }

    private static List<BuiltImage> collect(
            List<String> order, Map<String, CompletableFuture<BuiltImage>> futures, BuildFailures failures) {
        List<BuiltImage> built = new ArrayList<>();
        for (String name : order) {
            try {
                built.add(futures.get(name).get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BerthException("Interrupted while building images", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof CompletionException
                        ? e.getCause().getCause()
                        : e.getCause();
                failures.notMade(
                        name,
                        cause instanceof RuntimeException runtime
                                ? runtime
                                : new BerthException("Building image " + name + " failed: " + cause, cause));
            }
        }
        failures.failure().ifPresent(failure -> {
            throw failure;
        });
        return List.copyOf(built);
    }

    /** The builders {@code dockerfile} is built FROM or copies files from. */
    static Set<String> dependencies(Dockerfile dockerfile, Set<String> builders, String imagePrefix) {
        Set<String> result = new LinkedHashSet<>();
        for (FromInstruction from : dockerfile.imageFroms()) {
            builderNamed(from.image(), builders, imagePrefix).ifPresent(result::add);
        }
        for (CopyFrom copy : dockerfile.copies()) {
            builderNamed(copy.image(), builders, imagePrefix).ifPresent(result::add);
        }
        return result;
    }

    /** The builder whose image {@code image} names, as {@code NAME}, {@code NAME:latest} or with the prefix. */
    static java.util.Optional<String> builderNamed(String image, Set<String> builders, String imagePrefix) {
        String name = image.endsWith(":latest") ? image.substring(0, image.length() - ":latest".length()) : image;
        if (!imagePrefix.isEmpty() && name.startsWith(imagePrefix)) {
            String bare = name.substring(imagePrefix.length());
            if (builders.contains(bare)) {
                return java.util.Optional.of(bare);
            }
        }
        return builders.contains(name) ? java.util.Optional.of(name) : java.util.Optional.empty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new BerthException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
