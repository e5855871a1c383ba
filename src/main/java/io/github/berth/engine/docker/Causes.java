package io.github.berth.engine.docker;

import com.github.dockerjava.api.exception.DockerException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Short descriptions of what the engine's client threw, for messages that name the object concerned. */
final class Causes {

    private static final Pattern ENGINE_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

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

    /**
     * What the engine said when it refused a request, with the HTTP status; for other failures as {@link #root}.
     */
    static String said(Throwable failure) {
        if (failure instanceof DirectRequests.EngineError refused) {
            return refused.getMessage();
        }
        if (failure instanceof DockerException refused && refused.getMessage() != null) {
            Matcher message = ENGINE_MESSAGE.matcher(refused.getMessage());
            if (message.find()) {
                return message.group(1).replace("\\\"", "\"") + " (HTTP " + refused.getHttpStatus() + ")";
            }
        }
        return root(failure);
    }
}
