package io.github.berth.engine.build;

import java.util.Comparator;
import java.util.List;

/**
 * The files sent to the engine for one image build, sorted by name.
 *
 * @param entries the entries, parents before their children
 */
public record BuildContext(List<ContextEntry> entries) {

    public BuildContext {
        entries = entries.stream()
                .sorted(Comparator.comparing(ContextEntry::name))
                .toList();
    }

    /** The names of the entries, in order. */
    public List<String> names() {
        return entries.stream().map(ContextEntry::name).toList();
    }
}
