package io.github.berth.engine.build;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The files sent to the engine for one image build, sorted by name.
 *
 * @param entries the entries, parents before their children
 */
public record BuildContext(List<ContextEntry> entries) {

    /** The name of the Dockerfile in every context Berth sends. */
    static final String DOCKERFILE = "Dockerfile";

    public BuildContext {
        entries = entries.stream()
                .sorted(Comparator.comparing(ContextEntry::name))
                .toList();
    }

    /** The names of the entries, in order. */
    public List<String> names() {
        return entries.stream().map(ContextEntry::name).toList();
    }

    /**
     * This context with {@code instructions} added at the end of its generated Dockerfile, on a line of their own.
     *
     * @throws IllegalStateException when the context has no generated Dockerfile
     */
    public BuildContext withDockerfileEnding(String instructions) {
        List<ContextEntry> changed = new ArrayList<>(entries);
        for (int i = 0; i < changed.size(); i++) {
            ContextEntry entry = changed.get(i);
            if (entry.name().equals(DOCKERFILE) && entry.content() != null) {
                String text = new String(entry.content(), StandardCharsets.UTF_8);
                String separator = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
                changed.set(
                        i,
                        ContextEntry.generated(
                                DOCKERFILE, entry.mode(), Dockerfile.bytes(text + separator + instructions)));
                return new BuildContext(changed);
            }
        }
        throw new IllegalStateException("The build context has no generated " + DOCKERFILE);
    }
}
