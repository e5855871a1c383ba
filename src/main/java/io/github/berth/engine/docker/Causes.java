package io.github.berth.engine.docker;

/** Short descriptions of what the engine's client threw, for messages that name the object concerned. */
final class Causes {

    private Causes() {}

    /** The innermost cause's type and message: the part of a failure that says what actually went wrong. */
    static String root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip());
    }
}
