package io.github.berth.engine.cluster;

import java.util.Objects;

/**
 * A container port published on the host.
 *
 * @param containerPort the TCP port inside the container
 * @param hostPort the host port, or 0 for a free one the engine picks
 * @param hostIp the host address to bind, or empty for the default: {@code 127.0.0.1} for a local engine, all
 *     addresses for a remote one (whose loopback the tests cannot reach)
 */
public record PortSpec(int containerPort, int hostPort, String hostIp) {

    /** The host address published ports bind to unless told otherwise. */
    public static final String LOOPBACK = "127.0.0.1";

    public PortSpec {
        Objects.requireNonNull(hostIp, "hostIp");
    }

    /** {@code containerPort} published on a free port of the default address. */
    public static PortSpec of(int containerPort) {
        return new PortSpec(containerPort, 0, "");
    }

    /** {@code host} as a URL names it: an IPv6 address in brackets. */
    static String urlHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Whether the port is bound on every address: the default, {@code 0.0.0.0} or {@code ::}. */
    boolean bindsAllAddresses() {
        return hostIp.isEmpty() || isWildcard(hostIp);
    }

    /** Whether {@code ip} stands for every address of the host, IPv4's or IPv6's. */
    static boolean isWildcard(String ip) {
        return ip.equals("0.0.0.0") || ip.equals("::") || ip.equals("[::]");
    }
}
