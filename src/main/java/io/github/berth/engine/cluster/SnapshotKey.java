package io.github.berth.engine.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The digest of what decides a service's snapshot: its base image's id, its env, and what it runs. */
final class SnapshotKey {

    private SnapshotKey() {}

    /** @return the key, 64 hex digits */
    static String of(ServiceSpec service, String baseImageId) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
        field(digest, "snapshot", service.name());
        field(digest, "base", baseImageId);
        for (Map.Entry<String, String> env : new TreeMap<>(service.env()).entrySet()) {
            field(digest, "env", env.getKey() + "=" + env.getValue());
        }
        words(digest, "entrypoint", service.entrypoint());
        words(digest, "command", service.command());
        field(digest, "user", String.valueOf(service.user()));
        field(digest, "workdir", String.valueOf(service.workingDir()));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void words(MessageDigest digest, String kind, List<String> words) {
        field(digest, kind, String.valueOf(words.size()));
        words.forEach(word -> field(digest, kind, word));
    }

    /** Each value carries its length, so that no value can pose as a field boundary. */
    private static void field(MessageDigest digest, String kind, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update((kind + "\0" + bytes.length + "\0").getBytes(StandardCharsets.UTF_8));
        digest.update(bytes);
    }
}
