package io.github.berth.maven;

import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.cluster.PortSpec;
import io.github.berth.engine.cluster.ReadinessCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code <readiness>} of a service: checks that must all pass. */
public class ReadinessConfig {

    /** An HTTP GET on a published port. */
    Http http;

    /** A TCP connection to a published port. */
    Tcp tcp;

    /** A regular expression that the service's output must match. */
    Log log;

    /** The HEALTHCHECK of the image, or the one given here, must report healthy. */
    Healthy healthy;

    /** The container must end with an exit code. */
    Exit exit;

    /**
     * @param ports the service's published ports; HTTP and TCP checks without a port wait on the first
     */
    List<ReadinessCheck> toChecks(String where, Duration clusterDeadline, List<PortSpec> ports) {
        List<ReadinessCheck> checks = new ArrayList<>();
        if (http != null) {
            int[] status = ConfigValues.statusRange(
                    ConfigValues.isBlank(http.status) ? "200-399" : http.status, where + " <readiness><http><status>");
            checks.add(new ReadinessCheck.Http(
                    port(http.port, where, "http", ports),
                    ConfigValues.isBlank(http.path) ? "/" : http.path.trim(),
                    status[0],
                    status[1],
                    ConfigValues.isBlank(http.body) ? null : http.body,
                    timeout(http.timeout, where, "http", clusterDeadline)));
        }
        if (tcp != null) {
            checks.add(new ReadinessCheck.Tcp(
                    port(tcp.port, where, "tcp", ports), timeout(tcp.timeout, where, "tcp", clusterDeadline)));
        }
        if (log != null) {
            if (ConfigValues.isBlank(log.pattern)) {
                throw new ConfigurationException(where + " <readiness><log> has no <pattern>; give a regular"
                        + " expression that the service's output matches once it is ready");
            }
            checks.add(new ReadinessCheck.Log(log.pattern, timeout(log.timeout, where, "log", clusterDeadline)));
        }
        if (healthy != null) {
            checks.add(new ReadinessCheck.Healthy(
                    healthy.command == null ? List.of() : healthy.command,
                    timeout(healthy.timeout, where, "healthy", clusterDeadline)));
        }
        if (exit != null) {
            checks.add(new ReadinessCheck.Exit(exit.code, timeout(exit.timeout, where, "exit", clusterDeadline)));
        }
        return checks;
    }

    private static int port(String port, String where, String kind, List<PortSpec> ports) {
        if (!ConfigValues.isBlank(port)) {
            return ConfigValues.port(
                    port,
                    where + " <readiness><" + kind + "><port>",
                    ", or leave it empty for the first published port");
        }
        if (ports.isEmpty()) {
            throw new ConfigurationException(where + " <readiness><" + kind + "> has no <port> and the service"
                    + " publishes none; add a <port> to its <ports>");
        }
        return ports.get(0).containerPort();
    }

    private static Duration timeout(String value, String where, String kind, Duration clusterDeadline) {
        return ConfigValues.isBlank(value)
                ? clusterDeadline
                : ConfigValues.duration(value, where + " <readiness><" + kind + "><timeout>");
    }

    /** {@code <http>}: port, path, status and body of an HTTP readiness check. */
    public static class Http {
        /** The container port to send the request to; it must be published. The first published when empty. */
        String port;

        /** The path to request; {@code /} when empty. */
        String path;

        /** The status or range to expect, e.g. {@code 200} or {@code 200-299}; {@code 200-399} when empty. */
        String status;

        /** A regular expression to find in the body. */
        String body;

        /** How long the check may take, e.g. {@code 30s}; the cluster's deadline when empty. */
        String timeout;
    }

    /** {@code <tcp>}: a port that must accept connections. */
    public static class Tcp {
        /** The container port to connect to; it must be published. The first published when empty. */
        String port;

        /** How long the check may take; the cluster's deadline when empty. */
        String timeout;
    }

    /** {@code <log>}: a pattern the output must match. */
    public static class Log {
        /** A regular expression searched in all output so far, stdout and stderr together. */
        String pattern;

        /** How long the check may take; the cluster's deadline when empty. */
        String timeout;
    }

    /** {@code <healthy>}: the HEALTHCHECK must report healthy. */
    public static class Healthy {
        /** A command that replaces the image's HEALTHCHECK, one {@code <arg>} per word. */
        List<String> command;

        /** How long the check may take; the cluster's deadline when empty. */
        String timeout;
    }

    /** {@code <exit>}: the container must end with a code. */
    public static class Exit {
        /** The exit code to expect; 0 when empty. */
        int code;

        /** How long the check may take; the cluster's deadline when empty. */
        String timeout;
    }
}
