package io.github.berth.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds a short-lived container or volume: this host and process, written into {@link Labels#HOLDER}. A holder on
 * this host whose process is gone was killed before it could clean up, so what it held may be removed.
 */
public final class Holders {

    private static final String HOST = hostName();

    private Holders() {}

    /** This process, as a holder: {@code HOST/PID}. */
    public static String current() {
        return HOST + "/" + ProcessHandle.current().pid();
    }

    /** {@code labels} with this process as holder. */
    public static Map<String, String> held(Map<String, String> labels) {
        Map<String, String> held = new HashMap<>(labels);
        held.put(Labels.HOLDER, current());
        return Map.copyOf(held);
    }

    /** Whether {@code holder} names another process of this host that still runs. */
    public static boolean runningElsewhere(String holder) {
        return holder != null && !holder.equals(current()) && onThisHost(holder) && !abandoned(holder);
    }

    private static boolean onThisHost(String holder) {
        int slash = holder.lastIndexOf('/');
        return slash >= 0 && holder.substring(0, slash).equals(HOST);
    }

    /** Whether {@code holder} names a process of this host that no longer runs. */
    public static boolean abandoned(String holder) {
        if (holder == null) {
            return false;
        }
        int slash = holder.lastIndexOf('/');
        if (slash < 0 || !holder.substring(0, slash).equals(HOST)) {
            return false;
        }
        try {
            long pid = Long.parseLong(holder.substring(slash + 1));
            return ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String hostName() {
        return kernelHostName()
                .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")).filter(name -> !name.isBlank()))
                .or(() -> Optional.ofNullable(System.getenv("COMPUTERNAME")).filter(name -> !name.isBlank()))
                .or(Holders::resolvedHostName)
                .orElse("unknown-host");
    }

    private static Optional<String> resolvedHostName() {
        try {
            return Optional.of(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> kernelHostName() {
        try {
            return Optional.of(Files.readString(Path.of("/proc/sys/kernel/hostname"))
                            .strip())
                    .filter(name -> !name.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
