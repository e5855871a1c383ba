package io.github.berth.testing;

import io.github.berth.engine.Reporter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A reporter that keeps what the engine reports, for tests to assert on. Safe to use from several threads. */
public final class RecordingReporter implements Reporter {

    private final List<String> milestones = Collections.synchronizedList(new ArrayList<>());
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final List<String> details = Collections.synchronizedList(new ArrayList<>());
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void milestone(String message) {
        milestones.add(message);
    }

    @Override
    public void warning(String message) {
        warnings.add(message);
    }

    @Override
    public void detail(String message) {
        details.add(message);
    }

    /** Kept as {@code SOURCE> LINE}, the way the plugin logs it. */
    @Override
    public void output(String source, String line) {
        output.add(source + "> " + line);
    }

    public List<String> milestones() {
        return List.copyOf(milestones);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public List<String> details() {
        return List.copyOf(details);
    }

    public List<String> output() {
        return List.copyOf(output);
    }

    /** Every line reported so far, of every kind. */
    public List<String> everything() {
        List<String> all = new ArrayList<>(milestones);
        all.addAll(warnings);
        all.addAll(details);
        all.addAll(output);
        return all;
    }

    /** Forgets everything reported so far. */
    public void clear() {
        milestones.clear();
        warnings.clear();
        details.clear();
        output.clear();
    }
}
