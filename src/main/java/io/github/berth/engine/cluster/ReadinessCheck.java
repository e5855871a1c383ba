package io.github.berth.engine.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** A condition a service must meet before it counts as ready. Each check has its own timeout. */
public sealed interface ReadinessCheck {

    /** How long after the service's start the check may take. */
    Duration timeout();

    /** What the check waits for, in the words of an error message. */
    String describe();

    /**
     * An HTTP GET on a published port answers with a status in a range and, optionally, a body matching a pattern.
     *
     * @param bodyPattern a regular expression to find in the body, or {@code null}
     */
    record Http(int port, String path, int minStatus, int maxStatus, String bodyPattern, Duration timeout)
            implements ReadinessCheck {
        public Http {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String describe() {
            String status = minStatus == maxStatus ? "" + minStatus : minStatus + "-" + maxStatus;
            return "HTTP " + status + " from port " + port + " path " + path
                    + (bodyPattern == null ? "" : " with a body matching /" + bodyPattern + "/");
        }
    }

    /** A published port accepts TCP connections. */
    record Tcp(int port, Duration timeout) implements ReadinessCheck {
        public Tcp {
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String describe() {
            return "TCP port " + port;
        }
    }

    /** The container's output so far, stdout and stderr together, matches a regular expression. */
    record Log(String pattern, Duration timeout) implements ReadinessCheck {
        public Log {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String describe() {
            return "log output matching /" + pattern + "/";
        }
    }

    /**
     * The container's HEALTHCHECK reports healthy.
     *
     * @param command a shell command that replaces the image's HEALTHCHECK, or empty to use the image's
     */
    record Healthy(List<String> command, Duration timeout) implements ReadinessCheck {
        public Healthy {
            command = List.copyOf(command);
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String describe() {
            return "the HEALTHCHECK to report healthy";
        }
    }

    /** The container ends with an exit code. */
    record Exit(int code, Duration timeout) implements ReadinessCheck {
        public Exit {
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String describe() {
            return "exit with code " + code;
        }
    }
}
