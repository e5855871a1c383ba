package io.github.berth.engine;

import java.util.ArrayList;
import java.util.List;

/** A reporter that keeps what it is told, so that tests can assert on it. */
public final class CollectingReporter implements Reporter {

    public final List<String> milestones = new ArrayList<>();
    public final List<String> warnings = new ArrayList<>();
    public final List<String> details = new ArrayList<>();

    @Override
    public synchronized void milestone(String message) {
        milestones.add(message);
    }

    @Override
    public synchronized void warning(String message) {
        warnings.add(message);
    }

    @Override
    public synchronized void detail(String message) {
        details.add(message);
    }

    @Override
    public void output(String source, String line) {}
}
