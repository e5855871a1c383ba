package io.github.berth.engine.cluster;

import io.github.berth.engine.Reporter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the engine reports, for tests to read. */
final class RecordingReporter implements Reporter {

    private final List<String> milestones = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @Override
    public void milestone(String message) {
        milestones.add(message);
    }

    @Override
    public void warning(String message) {
        warnings.add(message);
    }

    @Override
    public void detail(String message) {}

    @Override
    public void output(String source, String line) {}

    List<String> milestones() {
        return List.copyOf(milestones);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }
}
