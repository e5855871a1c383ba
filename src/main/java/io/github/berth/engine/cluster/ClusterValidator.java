package io.github.berth.engine.cluster;

import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.docker.ImageReference;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/** Checks a cluster definition before anything of it starts, and names every mistake it finds. */
public final class ClusterValidator {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final int LABEL_LENGTH = 63;
    /** The longest cluster name: its state file's name, with the suffixes of the file written beside it, fits 255. */
    private static final int CLUSTER_NAME_LENGTH = 200;
    /** The longest repository name the engine takes. */
    private static final int IMAGE_NAME_LENGTH = 255;

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private ClusterValidator() {}

    /**
     * @throws ConfigurationException listing every problem, each naming the service and the POM element
     */
    public static void validate(ClusterSpec cluster) {
        List<String> problems = problems(cluster);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(
                    "Cluster '" + cluster.name() + "' is not valid:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** Every problem of {@code cluster}, one sentence each. */
    static List<String> problems(ClusterSpec cluster) {
        List<String> problems = new ArrayList<>();
        if (!NAME.matcher(cluster.name()).matches()) {
            problems.add("cluster <name> '" + cluster.name()
                    + "' is not a valid name; use letters, digits, '_', '.' and '-', starting with a letter or digit");
        } else if (cluster.name().length() > CLUSTER_NAME_LENGTH) {
            problems.add("cluster <name> '" + cluster.name() + "' is "
                    + cluster.name().length()
                    + " characters long; the state file " + cluster.name() + ".json and the engine's objects are named"
                    + " after it, so keep it to " + CLUSTER_NAME_LENGTH + " characters");
        }
        if (cluster.services().isEmpty()) {
            problems.add("it has no <services>; add at least one <service>");
        }
        Set<String> seen = new HashSet<>();
        for (ServiceSpec service : cluster.services()) {
            if (!seen.add(service.name())) {
                problems.add("service '" + service.name() + "' is defined twice; give each <service> its own <name>");
            }
            checkService(cluster, service, problems);
        }
        checkHostPorts(cluster, problems);
        checkAliases(cluster, problems);
        DependencyOrder.findCycle(cluster)
                .ifPresent(cycle -> problems.add("services depend on each other in a cycle: "
                        + String.join(" -> ", cycle) + "; remove one of these <dependsOn> entries"));
        return problems;
    }

    private static void checkService(ClusterSpec cluster, ServiceSpec service, List<String> problems) {
        String where = "service '" + service.name() + "'";
        if (!NAME.matcher(service.name()).matches()) {
            problems.add(where + ": <name> is not a valid host name; use letters, digits, '_', '.' and '-'");
        } else if (!labelsFit(service.name())) {
            problems.add(where + ": <name> has a part longer than " + LABEL_LENGTH
                    + " characters, which is not a valid host name; shorten it");
        }
        String snapshot = Snapshots.name(cluster.name(), service.name());
        if (service.snapshot() && snapshot.length() > IMAGE_NAME_LENGTH) {
            problems.add(where + ": the image of its <snapshot>, " + snapshot + ", would be " + snapshot.length()
                    + " characters long, more than the " + IMAGE_NAME_LENGTH + " the engine takes; shorten the"
                    + " service's or the cluster's <name>");
        }
        if (service.image().isBlank()) {
            problems.add(where + ": <image> is empty; name an image or a builder");
        } else {
            try {
                ImageReference.parse(service.image());
            } catch (ConfigurationException e) {
                problems.add(where + ": <image> " + e.getMessage());
            }
        }
        for (Dependency dependency : service.dependsOn()) {
            if (cluster.service(dependency.service()).isEmpty()) {
                problems.add(where + ": <dependsOn> names '" + dependency.service()
                        + "', which is not a service of this cluster; known services: " + serviceNames(cluster));
            }
        }
        for (PortSpec port : service.ports()) {
            if (!validPort(port.containerPort()) || port.hostPort() < 0 || port.hostPort() > 65535) {
                problems.add(where + ": <ports> entry " + port.containerPort() + " -> " + port.hostPort()
                        + " is out of range; ports run from 1 to 65535 (host port 0 or empty: a free one)");
            }
            if (!port.hostIp().isEmpty() && !isIpAddress(port.hostIp())) {
                problems.add(where + ": <ports> entry " + port.containerPort() + " has <hostIp> '" + port.hostIp()
                        + "', which is not an IP address; write one such as 127.0.0.1 or ::1, or leave it empty"
                        + " (the engine would otherwise publish the port on every address)");
            }
        }
        for (VolumeSpec volume : service.volumes()) {
            if (!volume.target().startsWith("/")) {
                problems.add(where + ": <volumes> target '" + volume.target()
                        + "' is not an absolute path inside the container");
            }
            if (volume.kind() != VolumeSpec.Kind.TMPFS && volume.source().isBlank()) {
                problems.add(where + ": <volumes> entry for '" + volume.target() + "' has no <source>");
            } else if (volume.kind() == VolumeSpec.Kind.NAMED
                    && !NAME.matcher(volume.source()).matches()) {
                problems.add(where + ": <volumes> entry for '" + volume.target() + "' has <source> '"
                        + volume.source() + "', which is not a valid volume name; use letters, digits, '_', '.'"
                        + " and '-', starting with a letter or digit (or a path with '/' for a bind mount)");
            }
        }
        for (ReadinessCheck check : service.readiness()) {
            checkReadiness(where, service, check, problems);
        }
    }

    private static void checkReadiness(String where, ServiceSpec service, ReadinessCheck check, List<String> problems) {
        if (check instanceof ReadinessCheck.Http http) {
            checkWaitPort(where, "http", service, http.port(), problems);
            checkPattern(where, "<readiness><http><body>", http.bodyPattern(), problems);
            if (http.minStatus() > http.maxStatus() || http.minStatus() < 100 || http.maxStatus() > 599) {
                problems.add(where + ": <readiness><http><status> " + http.minStatus() + "-" + http.maxStatus()
                        + " is not a range of HTTP status codes; write e.g. 200 or 200-299");
            }
        } else if (check instanceof ReadinessCheck.Tcp tcp) {
            checkWaitPort(where, "tcp", service, tcp.port(), problems);
        } else if (check instanceof ReadinessCheck.Log log) {
            checkPattern(where, "<readiness><log>", log.pattern(), problems);
        }
        if (check.timeout().isNegative() || check.timeout().isZero()) {
            problems.add(where + ": a <readiness> <timeout> of "
                    + check.timeout().toSeconds() + " s is too short; give a positive duration such as 30s");
        }
    }

    /** Whether {@code text} is an IPv4 or IPv6 address written out, not a host name. */
    static boolean isIpAddress(String text) {
        if (IPV4.matcher(text).matches()) {
            return Arrays.stream(text.split("\\.")).allMatch(part -> Integer.parseInt(part) <= 255);
        }
        if (!IPV6_CHARACTERS.matcher(text).matches()) {
            return false;
        }
        try {
            // Only hex digits, colons and dots reach here, so no name is looked up.
            InetAddress.getByName(text);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void checkWaitPort(String where, String kind, ServiceSpec service, int port, List<String> problems) {
        boolean published = service.ports().stream().anyMatch(p -> p.containerPort() == port);
        if (!published) {
            String known = service.ports().isEmpty()
                    ? "it publishes no ports"
                    : "it publishes "
                            + service.ports().stream()
                                    .map(p -> String.valueOf(p.containerPort()))
                                    .collect(Collectors.joining(", "));
            problems.add(where + ": <readiness><" + kind + "> waits on port " + port
                    + ", which the service does not publish (" + known + "); add it to <ports>");
        }
    }

    private static void checkPattern(String where, String element, String pattern, List<String> problems) {
        if (pattern == null) {
            return;
        }
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            problems.add(where + ": " + element + " pattern '" + pattern + "' is not a regular expression: "
                    + e.getDescription());
        }
    }

    private static void checkHostPorts(ClusterSpec cluster, List<String> problems) {
        Map<Integer, List<String>> owners = new HashMap<>();
        Map<Integer, List<PortSpec>> specs = new HashMap<>();
        for (ServiceSpec service : cluster.services()) {
            for (PortSpec port : service.ports()) {
                if (port.hostPort() == 0) {
                    continue;
                }
                List<PortSpec> others = specs.computeIfAbsent(port.hostPort(), p -> new ArrayList<>());
                List<String> names = owners.computeIfAbsent(port.hostPort(), p -> new ArrayList<>());
                for (int i = 0; i < others.size(); i++) {
                    if (clash(others.get(i), port)) {
                        problems.add("host port " + port.hostPort() + " is bound twice, by service '" + names.get(i)
                                + "' and service '" + service.name()
                                + "' <ports>; choose another <host> port or leave it empty for a free one");
                    }
                }
                others.add(port);
                names.add(service.name());
            }
        }
    }

    private static void checkAliases(ClusterSpec cluster, List<String> problems) {
        Set<String> names = cluster.services().stream().map(ServiceSpec::name).collect(Collectors.toSet());
        Map<String, String> owners = new HashMap<>();
        for (ServiceSpec service : cluster.services()) {
            String where = "service '" + service.name() + "'";
            for (String alias : service.aliases()) {
                if (!NAME.matcher(alias).matches() || !labelsFit(alias)) {
                    problems.add(where + ": <alias> '" + alias + "' is not a valid host name; use letters, digits,"
                            + " '_', '.' and '-', starting with a letter or digit, at most " + LABEL_LENGTH
                            + " characters between dots");
                } else if (names.contains(alias)) {
                    problems.add(where + ": <alias> '" + alias + "' is the name of service '" + alias
                            + "'; choose another alias");
                } else {
                    String owner = owners.putIfAbsent(alias, service.name());
                    if (owner != null) {
                        problems.add(where + ": <alias> '" + alias + "' is also an alias of service '" + owner
                                + "'; give each alias to one service only");
                    }
                }
            }
        }
    }

    private static boolean labelsFit(String hostName) {
        return Arrays.stream(hostName.split("\\.")).allMatch(label -> label.length() <= LABEL_LENGTH);
    }

    private static boolean clash(PortSpec a, PortSpec b) {
        return a.hostIp().equals(b.hostIp()) || a.bindsAllAddresses() || b.bindsAllAddresses();
    }

    private static boolean validPort(int port) {
        return port >= 1 && port <= 65535;
    }

    private static String serviceNames(ClusterSpec cluster) {
        return cluster.services().stream().map(ServiceSpec::name).collect(Collectors.joining(", "));
    }
}
