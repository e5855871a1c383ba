package io.github.berth.engine.docker;

import io.github.berth.engine.Labels;
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
final class Holders {

    private static final String HOST = hostName();

    private Holders() {}

    /** {@code labels} with this process as holder. */
    static Map<String, String> held(Map<String, String> labels) {
        Map<String, String> held = new HashMap<>(labels);
        held.put(Labels.HOLDER, HOST + "/" + ProcessHandle.current().pid());
        return Map.copyOf(held);
    }

    /** Whether {@code holder} names a process of this host that no longer runs. */
    static boolean abandoned(String holder) {
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
