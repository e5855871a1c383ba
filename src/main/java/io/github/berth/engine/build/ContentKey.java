package io.github.berth.engine.build;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;

/**
 * The digest of everything that decides an image: its name, the build context as sent (the rewritten Dockerfile, every
 * file's name, mode, link target and bytes), the build arguments, and the ids of the base images.
 */
public final class ContentKey {

    /** How many hex digits of the key the image's second tag carries. */
    public static final int TAG_LENGTH = 12;

    private ContentKey() {}

    /**
     * @param image the image's name, so that images of the same content under other names stay apart
     * @param context the build context; its files are read once
     * @param buildArgs the build arguments
     * @param baseIds for each image named in a FROM, its id (or the name itself when the engine lacks it)
     * @return the key, 64 hex digits
     * @throws IOException when a file of the context cannot be read
     */
    public static String of(
            String image, BuildContext context, Map<String, String> buildArgs, Map<String, String> baseIds)
            throws IOException {
        MessageDigest digest = Digests.sha256();
        try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            line(out, "image", image, "");
            ContextTar.write(context, out);
            for (Map.Entry<String, String> arg : new TreeMap<>(buildArgs).entrySet()) {
                line(out, "arg", arg.getKey(), arg.getValue());
            }
            for (Map.Entry<String, String> base : new TreeMap<>(baseIds).entrySet()) {
                line(out, "base", base.getKey(), base.getValue());
            }
        }
        return Digests.hex(digest);
    }

    private static void line(OutputStream out, String kind, String name, String value) throws IOException {
        out.write((kind + "\0" + name + "\0" + value + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The part of {@code key} an image's tag carries. */
    public static String tag(String key) {
        return key.substring(0, TAG_LENGTH);
    }
}
