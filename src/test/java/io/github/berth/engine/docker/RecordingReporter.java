package io.github.berth.engine.docker;

import io.github.berth.engine.Reporter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A reporter that keeps every report, prefixed with its kind, for tests to inspect. */
final class RecordingReporter implements Reporter {

    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void milestone(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void warning(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public void detail(String message) {
        lines.add("DEBUG " + message);
    }

    @Override
    public void output(String source, String line) {
        lines.add(source + "> " + line);
    }
}
