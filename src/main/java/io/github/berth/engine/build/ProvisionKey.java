package io.github.berth.engine.build;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

/** The digest of everything that decides a provisioned image: its name, start image, command and provided files. */
final class ProvisionKey {

    private ProvisionKey() {}

    /**
     * @param startId the id of the configured start image, not of an earlier provisioned image the command runs on
     * @param provided the provided files; they are read once
     * @return the key, 64 hex digits
     * @throws IOException when a provided file cannot be read
     */
    static String of(String image, String startId, Provision provision, BuildContext provided) throws IOException {
        MessageDigest digest = Digests.sha256();
        try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            field(out, "provision", image);
            field(out, "start", startId);
            for (String argument : provision.command()) {
                field(out, "command", argument);
            }
            ContextTar.write(provided, out);
        }
        return Digests.hex(digest);
    }

    /** Each value carries its length, so that no value can pose as a field boundary. */
    private static void field(OutputStream out, String kind, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write((kind + "\0" + bytes.length + "\0").getBytes(StandardCharsets.UTF_8));
        out.write(bytes);
    }
}
