package io.github.berth.engine.cluster;

import io.github.berth.engine.docker.ContainerStatus;
import io.github.berth.engine.docker.DockerContainers;
import io.github.berth.engine.docker.DockerLogs;
import io.github.berth.engine.docker.LogFollow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Waits until a started service passes all of its readiness checks. Polls often at first, then with a growing pause; fails at once when
 * the container ends while checks that need it running are still open.
 */
final class ReadinessWaiter {

    /**
     * The pause after the first look. A look right after the start often comes before the service listens, and the
     * services that depend on it wait for the next look: it comes soon, and each pause is half as long again as the one
     * before, up to {@link #YOUNG_PAUSE}.
     */
    static final Duration FIRST_PAUSE = Duration.ofMillis(5);

    /** The longest pause while a service is young: most services answer within their first seconds. */
    static final Duration YOUNG_PAUSE = Duration.ofMillis(50);

    /** How long after its start a service counts as young; after that the pause doubles at each look. */
    static final Duration EAGER = Duration.ofSeconds(3);

    static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

    /** How much of a network's id Docker puts in the name of its bridge. */
    private static final int BRIDGE_ID_LENGTH = 12;

    private final DockerContainers containers;
    private final DockerLogs output;
    private final String host;
    private final String network;
    private final boolean localEngine;
    private final BooleanSupplier aborted;
    private final Probes probes = new Probes();
    private final Map<String, Boolean> bridgesHere = new ConcurrentHashMap<>();

    /**
     * @param host the engine's host, where published ports are reached
     * @param network the cluster network
     * @param localEngine whether the engine runs on this machine, reached through its socket
     * @param aborted tells the waiter to give up because the start failed elsewhere
     */
    ReadinessWaiter(
            DockerContainers containers,
            DockerLogs output,
            String host,
            String network,
            boolean localEngine,
            BooleanSupplier aborted) {
        this.containers = containers;
        this.output = output;
        this.host = host;
        this.network = network;
        this.localEngine = localEngine;
        this.aborted = aborted;
    }

    /**
     * Waits for {@code checks} of {@code service}, whose container {@code id} started at {@code startedAt}.
     *
     * @param clusterDeadline the moment the whole cluster must be ready by
     * @return what the engine said of the container at the look that found it ready
     * @throws ServiceFailedException when the container ends, a check times out, or an exit code is wrong
     */
    ContainerStatus await(
            String service, String id, List<ReadinessCheck> checks, Instant startedAt, Instant clusterDeadline)
            throws InterruptedException {
        Map<ReadinessCheck, LogSearch> searches = new HashMap<>();
        checks.stream()
                .filter(check -> check instanceof ReadinessCheck.Log)
                .forEach(check -> searches.put(check, new LogSearch(((ReadinessCheck.Log) check).pattern())));
        try (LogFollow log = searches.isEmpty()
                ? null
                : output.follow(id, text -> searches.values().forEach(search -> search.read(text)))) {
            return awaitChecks(service, id, checks, startedAt, clusterDeadline, log, searches);
        }
    }

    /** The pause after {@code pause}, for a service started {@code age} ago. */
    static Duration nextPause(Duration pause, Duration age) {
        Duration next;
        if (age.compareTo(EAGER) < 0) {
            next = pause.plus(pause.dividedBy(2));
            return next.compareTo(YOUNG_PAUSE) > 0 ? YOUNG_PAUSE : next;
        }
        next = pause.multipliedBy(2);
        return next.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : next;
    }

    private ContainerStatus awaitChecks(
            String service,
            String id,
            List<ReadinessCheck> checks,
            Instant startedAt,
            Instant clusterDeadline,
            LogFollow log,
            Map<ReadinessCheck, LogSearch> searches)
            throws InterruptedException {
        Map<ReadinessCheck, String> pending = new LinkedHashMap<>();
        checks.forEach(check -> pending.put(check, "not yet tried"));
        Duration pause = FIRST_PAUSE;
        while (true) {
            if (aborted.getAsBoolean()) {
                throw new InterruptedException("start of the cluster aborted");
            }
            ContainerStatus status = containers
                    .status(id, network)
                    .orElseThrow(() -> new ServiceFailedException(service, "its container " + id + " disappeared"));
            if (log != null) {
                log.check();
            }
            for (ReadinessCheck check : new ArrayList<>(pending.keySet())) {
                Probes.Outcome outcome = probe(service, check, status, id, searches.get(check));
                if (outcome.passed()) {
                    pending.remove(check);
                } else {
                    pending.put(check, outcome.observation());
                }
            }
            if (pending.isEmpty()) {
                return status;
            }
            if (status.ended()) {
                ReadinessCheck open = pending.keySet().iterator().next();
                throw new ServiceFailedException(
                        service, "exited with code " + status.exitCode() + " while waiting for " + open.describe());
            }
            Instant now = Instant.now();
            Instant nearest = clusterDeadline;
            for (Map.Entry<ReadinessCheck, String> open : pending.entrySet()) {
                Instant deadline = deadline(open.getKey(), startedAt, clusterDeadline);
                if (!now.isBefore(deadline)) {
                    throw new ServiceFailedException(
                            service,
                            "timed out after "
                                    + Duration.between(startedAt, deadline).toSeconds()
                                    + " s waiting for " + open.getKey().describe() + " (last seen: " + open.getValue()
                                    + ")" + (deadline.equals(clusterDeadline) ? CLUSTER_DEADLINE_PASSED : ""));
                }
                nearest = deadline.isBefore(nearest) ? deadline : nearest;
            }
            Duration untilNearest = Duration.between(now, nearest);
            Thread.sleep(Math.max(1, Math.min(pause.toMillis(), untilNearest.toMillis())));
            pause = nextPause(pause, Duration.between(startedAt, now));
        }
    }

    /** Ends a timeout's message when the cluster's deadline, not the check's own timeout, is what ran out. */
    static final String CLUSTER_DEADLINE_PASSED = ", when the cluster's <deadline> passed";

    private static Instant deadline(ReadinessCheck check, Instant startedAt, Instant clusterDeadline) {
        Instant own = startedAt.plus(check.timeout());
        return own.isBefore(clusterDeadline) ? own : clusterDeadline;
    }

    private Probes.Outcome probe(
            String service, ReadinessCheck check, ContainerStatus status, String id, LogSearch search) {
        if (check instanceof ReadinessCheck.Exit exit) {
            if (!status.ended()) {
                return Probes.Outcome.pending("still " + status.state());
            }
            if (status.exitCode() != exit.code()) {
                throw new ServiceFailedException(
                        service, "exited with code " + status.exitCode() + " but " + exit.code() + " was expected");
            }
            return Probes.Outcome.pass();
        }
        if (check instanceof ReadinessCheck.Log logCheck) {
            if (status.ended()) {
                // The followed stream may trail an ended container by its last lines; its whole output is complete.
                LogSearch whole = new LogSearch(logCheck.pattern());
                output.readOutput(id, whole::read);
                whole.end();
                return whole.outcome();
            }
            return search.outcome();
        }
        if (check instanceof ReadinessCheck.Healthy) {
            if (status.health() == null) {
                throw new ServiceFailedException(
                        service,
                        "waits to be healthy but neither its image nor its <readiness><healthy><command> defines a"
                                + " HEALTHCHECK");
            }
            return status.health().equals("healthy")
                    ? Probes.Outcome.pass()
                    : Probes.Outcome.pending("health " + status.health() + checkSaid(status.healthOutput()));
        }
        if (!status.running()) {
            return Probes.Outcome.pending("container " + status.state());
        }
        if (check instanceof ReadinessCheck.Http http) {
            ContainerStatus.PublishedPort port = published(status, http.port());
            return probes.http(http, reachableHost(host, port.hostIp()), port.hostPort());
        }
        int containerPort = ((ReadinessCheck.Tcp) check).port();
        if (reachedDirectly(status)) {
            return probes.tcpDirect(status.ip(), containerPort);
        }
        ContainerStatus.PublishedPort port = published(status, containerPort);
        return probes.tcp(reachableHost(host, port.hostIp()), port.hostPort());
    }

    /**
     * Whether this machine reaches the container's own address on the cluster network: the engine runs here and the
     * network's gateway is held by the network's own bridge on this machine, which Docker names {@code br-} and the
     * first 12 characters of the network's id. Not so for an engine in a virtual machine or in a network namespace of
     * its own (rootless), for a build that runs in a container, or for Podman, which names its bridges otherwise. A
     * gateway address alone proves nothing: engines in different namespaces may give their networks the same subnet.
     */
    private boolean reachedDirectly(ContainerStatus status) {
        if (!localEngine || status.ip().isEmpty() || status.networkId().length() < BRIDGE_ID_LENGTH) {
            return false;
        }
        String bridge = "br-" + status.networkId().substring(0, BRIDGE_ID_LENGTH);
        return bridgesHere.computeIfAbsent(
                status.gateway() + " " + bridge,
                key -> Probes.interfaceWith(status.gateway())
                        .filter(bridge::equals)
                        .isPresent());
    }

    /** What the health check printed last, on one line and cut short, after a separator; nothing when it was silent. */
    static String checkSaid(String output) {
        String line = output.strip().replaceAll("\\s*\\R\\s*", " | ");
        if (line.isEmpty()) {
            return "";
        }
        return ", the check said: " + (line.length() > 200 ? line.substring(0, 200) + "..." : line);
    }

    private static ContainerStatus.PublishedPort published(ContainerStatus status, int containerPort) {
        return status.ports().stream()
                .filter(p -> p.containerPort() == containerPort)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Port " + containerPort + " is not published"));
    }

    /**
     * Where a port bound to {@code boundIp} on the engine's host is reached from here: the engine's host for the
     * loopback and wildcard addresses, the bound address otherwise.
     */
    static String reachableHost(String engineHost, String boundIp) {
        boolean engineAddress = boundIp == null
                || boundIp.isEmpty()
                || PortSpec.isWildcard(boundIp)
                || boundIp.equals(PortSpec.LOOPBACK);
        return engineAddress ? engineHost : boundIp;
    }
}
