package io.github.berth.engine.build;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.Labels;
import io.github.berth.engine.Reporter;
import io.github.berth.engine.docker.BuildOutcome;
import io.github.berth.engine.docker.BuildStepException;
import io.github.berth.engine.docker.DockerImages;
import io.github.berth.engine.docker.ImageBuildSpec;
import io.github.berth.engine.docker.ImageInfo;
import io.github.berth.engine.docker.ImageReference;
import io.github.berth.engine.docker.RegistryCredentials;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Builds the image of one builder, unless an image with its content key exists. */
final class ImageBuilder {

    /** The id a base image counts with in the content key while the engine does not hold it. */
    private final DockerImages images;

    private final RegistryCredentials credentials;
    private final SecureBases secureBases;
    private final Reporter reporter;
    private final BuildRequest request;
    private final ContextAssembler assembler;
    private final Map<String, Object> pulls = new ConcurrentHashMap<>();
    private List<ImageInfo> projectImages;

    ImageBuilder(
            DockerImages images,
            SecureBases secureBases,
            RegistryCredentials credentials,
            Reporter reporter,
            BuildRequest request) {
        this.images = images;
        this.credentials = credentials;
        this.secureBases = secureBases;
        this.reporter = reporter;
        this.request = request;
        this.assembler = new ContextAssembler(request.projectRoot());
    }

    /**
     * @param dependencies the images of the builders this one is built FROM, by builder name
     */
    BuiltImage build(Builder builder, Dockerfile dockerfile, Map<String, BuiltImage> dependencies) {
        long started = System.nanoTime();
        String name = request.imagePrefix() + builder.name();
        if (request.useLast() && !request.rebuild().includes(builder.name())) {
            Optional<BuiltImage> last = last(builder, name, started);
            if (last.isPresent()) {
                return last.get();
            }
        }

        Map<FromInstruction, String> rewrites = new LinkedHashMap<>();
        Map<CopyFrom, String> copyRewrites = new LinkedHashMap<>();
        Map<String, String> baseIds = new TreeMap<>();
        resolveBases(builder, dockerfile, dependencies, rewrites, baseIds);
        resolveCopies(builder, dockerfile, dependencies, copyRewrites, baseIds);
        BuildContext context =
                assembler.assemble(builder.directory(), dockerfile, dockerfile.rewrite(rewrites, copyRewrites));
        String stamp = read(builder, () -> ContextStamp.of(name, context, request.buildArgs(), baseIds));
        if (!request.rebuild().includes(builder.name())) {
            Optional<BuiltImage> unchanged = unchanged(builder, name, stamp, started);
            if (unchanged.isPresent()) {
                return unchanged.get();
            }
        }
        FileDigests files =
                FileDigests.in(request.stateDirectory().resolve("digests").resolve(builder.name()));
        String key = read(builder, () -> ContentKey.of(name, context, request.buildArgs(), baseIds, files));
        files.save();
        String reference = name + ":" + ContentKey.tag(key);

        if (!request.rebuild().includes(builder.name())) {
            Optional<ImageInfo> existing = projectImage(builder, Labels.KEY, key);
            if (existing.isPresent()) {
                tag(existing.get(), name, key);
                return done(builder, reference, existing.get().id(), key, BuiltImage.Outcome.UP_TO_DATE, 0, started);
            }
        }

        Map<String, String> labels = new TreeMap<>(labels(builder, key));
        labels.put(Labels.STAMP, stamp);
        Map<String, String> inline = new TreeMap<>(labels);
        inline.entrySet().removeIf(label -> !Dockerfile.plainLabel(label.getKey(), label.getValue()));
        labels.keySet().removeAll(inline.keySet());
        BuildContext sent = context.withDockerfileEnding(Dockerfile.labelInstruction(inline));
        ImageBuildSpec spec = new ImageBuildSpec(
                name,
                Set.of(name + ":latest", reference),
                labels,
                request.buildArgs(),
                request.rebuild().includes(builder.name()));
        warnIfAnotherProjectMakes(name);
        BuildOutcome outcome;
        try {
            outcome = images.build(spec, out -> ContextTar.write(sent, out), line -> reporter.output(name, line));
        } catch (BuildStepException e) {
            throw new ConfigurationException(
                    "Image " + name + " (" + builder.dockerfile() + ") failed at " + e.step() + ": " + e.error()
                            + "\nLast " + e.lastLines().size() + " lines of its output:\n  "
                            + String.join("\n  ", e.lastLines()),
                    e);
        }
        return done(
                builder, reference, outcome.imageId(), key, BuiltImage.Outcome.BUILT, outcome.contextBytes(), started);
    }

    /**
     * Warns when the current image of {@code name} belongs to another project: two projects that make images of one name
     * (modules sharing a builder folder and a prefix) take each other's tags, so each build makes its image again.
     */
    private void warnIfAnotherProjectMakes(String name) {
        String other = images.labelsOf(name + ":latest")
                .map(labels -> labels.getOrDefault(Labels.PROJECT, ""))
                .orElse("");
        if (!other.isEmpty() && !other.equals(request.projectKey())) {
            reporter.warning("Image " + name + " is also made by project " + other + ", so each of the two takes the"
                    + " other's tags and makes its image again; give one of them another imagePrefix"
                    + " (berth.imagePrefix), or build the image in one of them only");
        }
    }

    /** The image built from a context with the same stamp: found without reading a file of the context. */
    private Optional<BuiltImage> unchanged(Builder builder, String name, String stamp, long started) {
        Optional<ImageInfo> found = projectImage(builder, Labels.STAMP, stamp);
        String key =
                found.map(image -> image.labels().getOrDefault(Labels.KEY, "")).orElse("");
        if (key.length() < ContentKey.TAG_LENGTH) {
            return Optional.empty();
        }
        tag(found.get(), name, key);
        return Optional.of(done(
                builder,
                name + ":" + ContentKey.tag(key),
                found.get().id(),
                key,
                BuiltImage.Outcome.UP_TO_DATE,
                0,
                started));
    }

    private Optional<BuiltImage> last(Builder builder, String name, long started) {
        List<ImageInfo> found = builds(images.findByLabels(identity(builder)));
        if (found.isEmpty()) {
            reporter.detail("Image " + name + ": no earlier image to use, building it");
            return Optional.empty();
        }
        ImageInfo newest = found.get(0);
        String key = newest.labels().getOrDefault(Labels.KEY, "");
        if (key.length() < ContentKey.TAG_LENGTH) {
            return Optional.empty();
        }
        tag(newest, name, key);
        return Optional.of(done(
                builder, name + ":" + ContentKey.tag(key), newest.id(), key, BuiltImage.Outcome.LAST_USED, 0, started));
    }

    private void resolveBases(
            Builder builder,
            Dockerfile dockerfile,
            Map<String, BuiltImage> dependencies,
            Map<FromInstruction, String> rewrites,
            Map<String, String> baseIds) {
        for (FromInstruction from : dockerfile.froms()) {
            Optional<SecureBase> secure = from.secure();
            if (secure.isPresent()) {
                String id = secureBases.resolve(secure.get(), dockerfile.path(), from.firstLine());
                rewrites.put(from, secure.get().reference());
                baseIds.put(secure.get().reference(), id);
                continue;
            }
            if (!from.namesImage()) {
                continue;
            }
            resolve(builder, from.image(), dependencies, baseIds).ifPresent(reference -> rewrites.put(from, reference));
        }
    }

    /**
     * The images {@code COPY --from} copies from, as for {@code FROM}: another builder's is the exact image it made, and
     * every such image's id is part of the content key.
     */
    private void resolveCopies(
            Builder builder,
            Dockerfile dockerfile,
            Map<String, BuiltImage> dependencies,
            Map<CopyFrom, String> rewrites,
            Map<String, String> baseIds) {
        for (CopyFrom copy : dockerfile.copies()) {
            resolve(builder, copy.image(), dependencies, baseIds).ifPresent(reference -> rewrites.put(copy, reference));
        }
    }

    /**
     * Puts the id of {@code image}, a base of {@code builder}'s image, into {@code baseIds}.
     *
     * @return the exact image made by the builder {@code image} names, if it names one
     */
    private Optional<String> resolve(
            Builder builder, String image, Map<String, BuiltImage> dependencies, Map<String, String> baseIds) {
        Optional<String> dependency = ImageBuilds.builderNamed(image, dependencies.keySet(), request.imagePrefix());
        if (dependency.isEmpty()) {
            baseIds.put(image, idOrPull(image, builder));
            return Optional.empty();
        }
        BuiltImage built = dependencies.get(dependency.get());
        baseIds.put(built.reference(), built.id());
        return Optional.of(built.reference());
    }

    /**
     * The id of the base {@code image}, pulled first when the engine lacks it, with the Docker CLI's credentials for its
     * registry: the content key then holds the id the build uses, and the next build finds the same key.
     *
     * @throws ConfigurationException naming the builder and the image when the pull fails
     */
    private String idOrPull(String image, Builder builder) {
        synchronized (pulls.computeIfAbsent(image, key -> new Object())) {
            Optional<String> id = images.idOf(image);
            if (id.isPresent()) {
                return id.get();
            }
            String name = request.imagePrefix() + builder.name();
            try {
                images.pull(ImageReference.parse(image), credentials, line -> reporter.output(name, line));
            } catch (BerthException e) {
                throw new ConfigurationException(
                        "Image " + name + " (" + builder.dockerfile() + ") is built on " + image + ", which the engine"
                                + " lacks and cannot pull: " + e.getMessage() + ". Log in to its registry with"
                                + " 'docker login', pull or build it first, or correct the image's name",
                        e);
            }
            return images.idOf(image)
                    .orElseThrow(() -> new BerthException(
                            "The engine pulled " + image + ", the base of image " + name + ", but does not hold it"));
        }
    }

    /** Reads the context of {@code builder} for a digest; a file that cannot be read fails the build. */
    private static String read(Builder builder, ContextRead read) {
        try {
            return read.digest();
        } catch (IOException e) {
            throw new BerthException(
                    "Cannot read the build context of " + builder.directory() + ": " + e.getMessage()
                            + "; check the file's permissions",
                    e);
        }
    }

    private interface ContextRead {
        String digest() throws IOException;
    }

    /** The labels of every image of this builder in this project, whatever its content. */
    private Map<String, String> identity(Builder builder) {
        Map<String, String> labels = new TreeMap<>(labels(builder, ""));
        labels.remove(Labels.KEY);
        return labels;
    }

    private Map<String, String> labels(Builder builder, String key) {
        return Map.of(
                Labels.OWNER,
                Labels.OWNER_VALUE,
                Labels.PROJECT,
                request.projectKey(),
                Labels.BUILDER,
                builder.name(),
                Labels.KEY,
                key);
    }

    /**
     * The newest image of {@code builder} whose label {@code label} is {@code value}, among the project's images as they
     * were when the first builder asked. An image made since then with such a label would have been made by this very
     * build.
     */
    private Optional<ImageInfo> projectImage(Builder builder, String label, String value) {
        return projectImages().stream()
                .filter(image -> builder.name().equals(image.labels().get(Labels.BUILDER))
                        && value.equals(image.labels().get(label)))
                .findFirst();
    }

    /** The images of this project, newest first, listed once: one request stands for one per builder. */
    private synchronized List<ImageInfo> projectImages() {
        if (projectImages == null) {
            projectImages = builds(images.findByLabels(
                    Map.of(Labels.OWNER, Labels.OWNER_VALUE, Labels.PROJECT, request.projectKey())));
        }
        return projectImages;
    }

    /**
     * The images among {@code found} that a build made: those with a tag. A build that failed leaves the image of its
     * last good step behind, untagged, with the labels of the builder it started FROM; that image is not the other
     * builder's.
     */
    private static List<ImageInfo> builds(List<ImageInfo> found) {
        return found.stream().filter(image -> !image.tags().isEmpty()).toList();
    }

    /** Tags {@code image} as the latest of {@code name} and with its key, unless it carries both tags already. */
    private void tag(ImageInfo image, String name, String key) {
        for (String tag : List.of("latest", ContentKey.tag(key))) {
            if (!image.tags().contains(name + ":" + tag)) {
                images.tag(image.id(), name, tag);
            }
        }
    }

    private BuiltImage done(
            Builder builder,
            String reference,
            String id,
            String key,
            BuiltImage.Outcome outcome,
            long contextBytes,
            long started) {
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        String what =
                switch (outcome) {
                    case BUILT -> "built";
                    case UP_TO_DATE -> "up to date";
                    case LAST_USED -> "taken as last built";
                };
        reporter.milestone(String.format(
                "Image %s %s (%s) in %.1f s",
                reference.substring(0, reference.lastIndexOf(':')),
                what,
                ImageInfo.shortId(id),
                duration.toNanos() / 1e9));
        return new BuiltImage(builder.name(), reference, id, key, outcome, contextBytes, duration);
    }
}
