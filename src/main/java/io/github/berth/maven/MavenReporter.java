package io.github.berth.maven;

import io.github.berth.engine.Reporter;
import org.apache.maven.plugin.logging.Log;

/** Maps the engine's reports onto Maven's log: milestones at INFO, details at DEBUG, output lines prefixed. */
final class MavenReporter implements Reporter {

    private final Log log;
    private final boolean verbose;

    MavenReporter(Log log, boolean verbose) {
        this.log = log;
        this.verbose = verbose;
    }

    @Override
    public void milestone(String message) {
        log.info(message);
    }

    @Override
    public void warning(String message) {
        log.warn(message);
    }

    @Override
    public void detail(String message) {
        if (verbose) {
            log.info(message);
        } else {
            log.debug(message);
        }
    }

    @Override
    public void output(String source, String line) {
        log.info(source + "> " + line);
    }
}
