package io.github.berth.engine;

/**
 * Where the engine reports what it does. The caller decides how loud each kind of report is: milestones are meant to
 * be shown by default, details only on request, output lines of builds and containers as they arrive.
 */
public interface Reporter {

    /** A milestone: one line per image built, service started, cluster stopped. */
    void milestone(String message);

    /** Something the user can act on. */
    void warning(String message);

    /** Detail for diagnosis. */
    void detail(String message);

    /** One line of output of the image build or container called {@code source}. */
    void output(String source, String line);

    /** A reporter that drops everything, for callers that do not listen. */
    static Reporter silent() {
        return new Reporter() {
            @Override
            public void milestone(String message) {}

            @Override
            public void warning(String message) {}

            @Override
            public void detail(String message) {}

            @Override
            public void output(String source, String line) {}
        };
    }
}
