package io.github.berth.engine.build;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.Labels;
import io.github.berth.engine.Reporter;
import io.github.berth.engine.docker.CommandFailedException;
import io.github.berth.engine.docker.CommandRun;
import io.github.berth.engine.docker.DockerCommits;
import io.github.berth.engine.docker.DockerImages;
import io.github.berth.engine.docker.ImageInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Makes one provisioned image: runs its command in a container and commits it, unless an image with its key exists.
 * The command runs on the newest earlier image of the same line, so it only does what changed, until that line has
 * grown to the layer limit; then it starts again from the start image.
 */
final class Provisioner {

    private final DockerImages images;
    private final DockerCommits commits;
    private final Reporter reporter;
    private final BuildRequest request;
    private final ContextAssembler assembler;

    Provisioner(DockerImages images, DockerCommits commits, Reporter reporter, BuildRequest request) {
        this.images = images;
        this.commits = commits;
        this.reporter = reporter;
        this.request = request;
        this.assembler = new ContextAssembler(request.projectRoot());
    }

    /** @param dependencies the images of the builders and provisioned images this one starts from, by name */
    BuiltImage provision(Provision provision, Map<String, BuiltImage> dependencies) {
        long started = System.nanoTime();
        String name = request.imagePrefix() + provision.name();
        boolean forced = request.rebuild().includes(provision.name());
        String start = startImage(provision, dependencies);
        String startId = images.idOf(start)
                .orElseThrow(() -> new ConfigurationException("Provisioned image " + name + " starts <from> " + start
                        + ", which is neither a builder in " + request.builderRoot() + " nor an image the Docker engine"
                        + " has; build or pull it first, or fix <from> or builderDirectory"));
        BuildContext provided = assembler.provided(provision.paths(), "Provisioned image " + name);
        String key = key(name, startId, provision, provided);
        Map<String, String> line = labels(provision, Map.of(Labels.BASE, startId));

        if (!forced) {
            Optional<BuiltImage> existing = existing(provision, name, key, started);
            if (existing.isPresent()) {
                return existing.get();
            }
        }

        String runOn = forced ? start : incrementalStart(name, line).orElse(start);
        Map<String, String> labels = new TreeMap<>(line);
        labels.put(Labels.KEY, key);
        reporter.detail("Provisioning " + name + " on " + (runOn.equals(start) ? start : "its last image " + runOn));
        String id;
        try {
            id = commits.runAndCommit(
                    new CommandRun(
                            name,
                            runOn,
                            provision.command(),
                            out -> ContextTar.write(provided, out),
                            Provision.PROVIDED_AT,
                            name,
                            labels),
                    output -> reporter.output(name, output));
        } catch (CommandFailedException e) {
            throw new ConfigurationException(
                    // The cause's own words are part of the message: a reader that shows both sees them once.
                    "Provisioned image " + name + ": the command " + provision.command() + " failed, "
                            + e.getMessage() + "; no image was made. Last "
                            + e.lastLines().size()
                            + " lines of its output:\n  " + String.join("\n  ", e.lastLines()),
                    e);
        }
        images.tag(id, name, ContentKey.tag(key));
        return done(provision, name, id, key, BuiltImage.Outcome.BUILT, started);
    }

    /** The reference of the start image: a dependency's exact image, or {@code from} as given. */
    private String startImage(Provision provision, Map<String, BuiltImage> dependencies) {
        return ImageBuilds.builderNamed(provision.from(), dependencies.keySet(), request.imagePrefix())
                .map(dependency -> dependencies.get(dependency).reference())
                .orElse(provision.from());
    }

    private Optional<BuiltImage> existing(Provision provision, String name, String key, long started) {
        Map<String, String> labels = labels(provision, Map.of());
        if (!request.useLast()) {
            labels.put(Labels.KEY, key);
        }
        List<ImageInfo> found = images.findByLabels(labels);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ImageInfo image = newest(found);
        String imageKey = image.labels().getOrDefault(Labels.KEY, key);
        images.tag(image.id(), name, "latest");
        BuiltImage.Outcome outcome =
                imageKey.equals(key) ? BuiltImage.Outcome.UP_TO_DATE : BuiltImage.Outcome.LAST_USED;
        return Optional.of(done(provision, name, image.id(), imageKey, outcome, started));
    }

    /** The newest image of the same line, when one more layer on it stays within the limit. */
    private Optional<String> incrementalStart(String name, Map<String, String> line) {
        List<ImageInfo> found = images.findByLabels(line);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ImageInfo newest = newest(found);
        int layers = commits.layers(newest.id());
        if (layers + 1 > request.layerLimit()) {
            reporter.detail("Image " + name + " has " + layers + " layers; one more would pass the limit of "
                    + request.layerLimit() + ", so it starts again from its start image");
            return Optional.empty();
        }
        return Optional.of(newest.id());
    }

    /**
     * The newest of {@code found}, which the engine lists newest first. Images made within the same second tie in that
     * list; their precise times tell them apart.
     */
    private ImageInfo newest(List<ImageInfo> found) {
        return found.stream()
                .filter(image -> image.created().equals(found.get(0).created()))
                .max(Comparator.comparing(image -> images.createdOf(image.id())))
                .orElseThrow();
    }

    private String key(String name, String startId, Provision provision, BuildContext provided) {
        try {
            return ProvisionKey.of(name, startId, provision, provided);
        } catch (IOException e) {
            throw new BerthException(
                    "Cannot read the paths " + provision.paths() + " of provisioned image " + name + ": "
                            + e.getMessage() + "; check the files' permissions",
                    e);
        }
    }

    private Map<String, String> labels(Provision provision, Map<String, String> more) {
        Map<String, String> labels = new TreeMap<>(more);
        labels.put(Labels.OWNER, Labels.OWNER_VALUE);
        labels.put(Labels.PROJECT, request.projectKey());
        labels.put(Labels.BUILDER, provision.name());
        return labels;
    }

    private BuiltImage done(
            Provision provision, String name, String id, String key, BuiltImage.Outcome outcome, long started) {
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        String what =
                switch (outcome) {
                    case BUILT -> "provisioned";
                    case UP_TO_DATE -> "up to date";
                    case LAST_USED -> "taken as last provisioned";
                };
        reporter.milestone(String.format(
                "Image %s %s (%s) in %.1f s", name, what, ImageInfo.shortId(id), duration.toNanos() / 1e9));
        return new BuiltImage(provision.name(), name + ":" + ContentKey.tag(key), id, key, outcome, 0, duration);
    }
}
