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

    private static final int SIGKILL_EXIT = 137;
    private static final int VERDICT_ATTEMPTS = 20;
    private static final long VERDICT_PAUSE_MILLIS = 100;

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
        long memoryLimit =
                run.cluster().service(service).map(ServiceSpec::memoryBytes).orElse(0L);
        Optional<ContainerStatus> status = awaitMemoryVerdict(id, memoryLimit);
        text.append("\nContainer ")
                .append(run.containerName(service))
                .append(" (")
                .append(shortId(id))
                .append(")");
        status.ifPresent(s -> text.append(": ").append(describe(s, memoryLimit)));
        text.append("\n").append(hint(failure.getMessage(), status, memoryLimit));
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
                    line -> text.append("\n  ").append(service).append("> ").append(printable(line)));
        }
        return text.toString();
    }

    /**
     * The container's status; for one that was killed at its memory limit, once the engine has said whether for lack
     * of memory. Docker records that when the kernel's event arrives, which can be just after the exit.
     */
    private Optional<ContainerStatus> awaitMemoryVerdict(String id, long memoryLimit) {
        Optional<ContainerStatus> status = containers.status(id, run.networkName());
        for (int attempt = 0; attempt < VERDICT_ATTEMPTS && killedAtLimit(status, memoryLimit); attempt++) {
            try {
                Thread.sleep(VERDICT_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            status = containers.status(id, run.networkName());
        }
        return status;
    }

    /** Whether the container ended by SIGKILL under a memory limit while the engine has not reported a memory kill. */
    private static boolean killedAtLimit(Optional<ContainerStatus> status, long memoryLimit) {
        return memoryLimit > 0
                && status.filter(s -> s.ended() && s.exitCode() == SIGKILL_EXIT && !s.oomKilled())
                        .isPresent();
    }

    private static String describe(ContainerStatus status, long memoryLimit) {
        if (status.oomKilled()) {
            return "killed for lack of memory (OOM), exit code " + status.exitCode();
        }
        if (killedAtLimit(Optional.of(status), memoryLimit)) {
            return "killed (exit code " + SIGKILL_EXIT + ") under its memory limit of " + (memoryLimit >> 20)
                    + " MB, most likely for lack of memory; the engine did not say";
        }
        if (status.ended()) {
            return "exited with code " + status.exitCode() + (status.error().isEmpty() ? "" : ", " + status.error());
        }
        return status.state() + (status.health() == null ? "" : ", health " + status.health());
    }

    static String hint(String failure, Optional<ContainerStatus> status, long memoryLimit) {
        if (status.map(ContainerStatus::oomKilled).orElse(false) || killedAtLimit(status, memoryLimit)) {
            return "Raise the service's <memory> limit.";
        }
        if (failure.contains("address already in use") || failure.contains("port is already allocated")) {
            return "A host port of the service is taken by another program: choose another <host> port in its"
                    + " <ports>, or leave <host> empty for a free one.";
        }
        if (failure.startsWith("timed out") && failure.endsWith(ReadinessWaiter.CLUSTER_DEADLINE_PASSED)) {
            return "If the cluster is merely slow, raise the cluster's <deadline>; a check's <timeout> cannot"
                    + " outlast it. Otherwise see the output below.";
        }
        if (failure.startsWith("timed out")) {
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

    /**
     * {@code line} with each control character but the tab shown as {@code ?}: a service's output may hold escape
     * sequences or binary bytes, which the console would act on.
     */
    static String printable(String line) {
        return line.replaceAll("[\\p{Cc}&&[^\\t]]", "?");
    }

    private static String shortId(String id) {
        return id.substring(0, Math.min(12, id.length()));
    }
}
