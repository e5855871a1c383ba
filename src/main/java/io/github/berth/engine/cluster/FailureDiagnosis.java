package io.github.berth.engine.cluster;

import io.github.berth.engine.docker.ContainerStatus;
import io.github.berth.engine.docker.DockerContainers;
import io.github.berth.engine.docker.DockerLogs;
import java.util.List;
import java.util.Optional;

/** Says why a service failed: what was awaited, how its container ended, and its last lines of output. */
final class FailureDiagnosis {

    /** How many lines of a failed service's output the diagnosis shows. */
    static final int TAIL_LINES = 20;

    private final DockerContainers containers;
    private final DockerLogs output;
    private final ClusterRun run;

    FailureDiagnosis(DockerContainers containers, DockerLogs output, ClusterRun run) {
        this.containers = containers;
        this.output = output;
        this.run = run;
    }

    String explain(ServiceFailedException failure) {
        String service = failure.service();
        StringBuilder text = new StringBuilder("Service " + service + " of cluster "
                + run.cluster().name() + " failed: " + failure.getMessage() + ".");
        String id;
        try {
            id = run.containerId(service);
        } catch (IllegalStateException e) {
            return text.toString();
        }
        Optional<ContainerStatus> status = containers.status(id, run.networkName());
        text.append("\nContainer ")
                .append(run.containerName(service))
                .append(" (")
                .append(shortId(id))
                .append(")");
        status.ifPresent(s -> text.append(": ").append(describe(s)));
        text.append("\n").append(hint(failure, status));
        List<String> tail = tail(id);
        if (tail.isEmpty()) {
            text.append("\nService ").append(service).append(" wrote no output.");
        } else {
            text.append("\nLast ")
                    .append(tail.size())
                    .append(" log lines of ")
                    .append(service)
                    .append(":");
            tail.forEach(
                    line -> text.append("\n  ").append(service).append("> ").append(line));
        }
        return text.toString();
    }

    private static String describe(ContainerStatus status) {
        if (status.oomKilled()) {
            return "killed for lack of memory (OOM), exit code " + status.exitCode();
        }
        if (status.ended()) {
            return "exited with code " + status.exitCode() + (status.error().isEmpty() ? "" : ", " + status.error());
        }
        return status.state() + (status.health() == null ? "" : ", health " + status.health());
    }

    private String hint(ServiceFailedException failure, Optional<ContainerStatus> status) {
        if (status.map(ContainerStatus::oomKilled).orElse(false)) {
            return "Raise the service's <memory> limit.";
        }
        if (failure.getMessage().startsWith("timed out")) {
            return "If the service is merely slow, raise the check's <timeout> or the cluster's <deadline>;"
                    + " otherwise see its output below.";
        }
        return "See the service's output below, and its <command>, <env> and <readiness>.";
    }

    private List<String> tail(String id) {
        try {
            return output.tail(id, TAIL_LINES);
        } catch (RuntimeException e) {
            return List.of("(output unavailable: " + e.getMessage() + ")");
        }
    }

    private static String shortId(String id) {
        return id.substring(0, Math.min(12, id.length()));
    }
}
