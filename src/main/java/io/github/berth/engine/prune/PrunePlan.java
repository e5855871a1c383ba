package io.github.berth.engine.prune;

import io.github.berth.engine.Labels;
import io.github.berth.engine.docker.LocalImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, for each image Berth built for a project, whether it stays, loses only Berth's tags, or goes. Berth's tags
 * of an image are those of its repository, {@code PREFIX} and the builder's {@code NAME}. An image stays when it is
 * the current image of its builder ({@code PREFIXNAME:latest}), among the newest of its builder, used by a
 * container, or younger than the age limit; a snapshot still named after its service alone stays only when used or
 * young.
 */
public final class PrunePlan {

    /** What happens to one image, and why. */
    public enum Verdict {
        CURRENT,
        NEWEST,
        IN_USE,
        TOO_YOUNG,
        /** Berth's tags go; the image stays under its other tags. */
        UNTAG,
        REMOVE,
        REMOVE_DANGLING
    }

    /**
     * One image's fate.
     *
     * @param references what to remove: Berth's tags, or the id of a dangling image; empty when the image stays
     */
    public record Decision(LocalImage image, Verdict verdict, List<String> references) {

        public Decision {
            references = List.copyOf(references);
        }
    }

    /** How many characters of its content key an image's key tag holds. */
    private static final int KEY_TAG_LENGTH = 12;

    private PrunePlan() {}

    /**
     * @param images the images labelled as Berth's for the project
     * @param inUse the ids of images that containers use
     * @param keep how many of the newest images per builder to keep
     * @param cutoff images built after this instant stay
     * @param imagePrefix what build-images put before each builder's name to name its image
     */
    public static List<Decision> decide(
            List<LocalImage> images, Set<String> inUse, int keep, Instant cutoff, String imagePrefix) {
        Map<String, List<LocalImage>> byBuilder = new LinkedHashMap<>();
        List<LocalImage> dangling = new ArrayList<>();
        for (LocalImage image : images) {
            String builder = image.labels().get(Labels.BUILDER);
            if (image.dangling()) {
                dangling.add(image);
            } else if (builder != null) {
                byBuilder.computeIfAbsent(builder, name -> new ArrayList<>()).add(image);
            }
        }

        List<Decision> decisions = new ArrayList<>();
        byBuilder.forEach((builder, ofBuilder) -> decisions.addAll(
                decideBuilder(repository(imagePrefix + builder, ofBuilder), ofBuilder, inUse, keep, cutoff)));
        for (LocalImage image : dangling) {
            Verdict verdict = keptBecause(image, inUse, cutoff);
            decisions.add(
                    verdict == null
                            ? new Decision(image, Verdict.REMOVE_DANGLING, List.of(image.id()))
                            : new Decision(image, verdict, List.of()));
        }
        return List.copyOf(decisions);
    }

    /**
     * The repository Berth named the images of a builder in: {@code named} (the prefix and the builder's name) when one
     * of them carries a tag of it; otherwise the one of the tag Berth gave an image after its content key, as for a
     * snapshot ({@code CLUSTER-SERVICE-snapshot}, never prefixed) or for images named with another prefix than the one given.
     */
    private static String repository(String named, List<LocalImage> images) {
        for (LocalImage image : images) {
            if (image.tags().stream().anyMatch(tag -> LocalImage.repository(tag).equals(named))) {
                return named;
            }
        }
        for (LocalImage image : images) {
            String key = image.labels().getOrDefault(Labels.KEY, "");
            if (key.length() < KEY_TAG_LENGTH) {
                continue;
            }
            String keyTag = key.substring(0, KEY_TAG_LENGTH);
            for (String tag : image.tags()) {
                String repository = LocalImage.repository(tag);
                if (tag.equals(repository + ":" + keyTag)) {
                    return repository;
                }
            }
        }
        return named;
    }

    private static List<Decision> decideBuilder(
            String repository, List<LocalImage> images, Set<String> inUse, int keep, Instant cutoff) {
        List<LocalImage> newestFirst = images.stream()
                .sorted(Comparator.comparing(LocalImage::created).reversed())
                .toList();
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            LocalImage image = newestFirst.get(i);
            List<String> berthTags = image.tags().stream()
                    .filter(tag -> LocalImage.repository(tag).equals(repository))
                    .toList();
            Verdict kept = formerSnapshot(image)
                    ? keptBecause(image, inUse, cutoff)
                    : berthTags.contains(repository + ":latest")
                            ? Verdict.CURRENT
                            : i < keep ? Verdict.NEWEST : keptBecause(image, inUse, cutoff);
            if (berthTags.isEmpty()) {
                continue; // only other tags name it now: it is no longer Berth's to remove
            }
            if (kept != null) {
                decisions.add(new Decision(image, kept, List.of()));
            } else if (berthTags.size() < image.tags().size()) {
                decisions.add(new Decision(image, Verdict.UNTAG, berthTags));
            } else {
                decisions.add(new Decision(image, Verdict.REMOVE, berthTags));
            }
        }
        return decisions;
    }

    /**
     * Whether {@code image} is a snapshot named after its service alone, as Berth named snapshots before it named them
     * after their cluster: no cluster starts from it any more. The engine kept the labels of the container such a
     * snapshot was committed from, among them its cluster's; a snapshot named after its cluster has that label empty.
     */
    // TODO: Podman may have dropped the container's labels from such a snapshot; it then stays as its builder's current
    // image until removed by hand.
    private static boolean formerSnapshot(LocalImage image) {
        return !image.labels().getOrDefault(Labels.CLUSTER, "").isEmpty();
    }

    private static Verdict keptBecause(LocalImage image, Set<String> inUse, Instant cutoff) {
        if (inUse.contains(image.id())) {
            return Verdict.IN_USE;
        }
        if (image.created().isAfter(cutoff)) {
            return Verdict.TOO_YOUNG;
        }
        return null;
    }
}
