package io.github.berth.engine.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;

/**
 * The digest of everything that decides an image: its name, the build context as sent (the rewritten Dockerfile, every
 * entry's name, kind, mode and link target, every file's bytes), the build arguments, and the ids of the base images.
 */
public final class ContentKey {

    /** How many hex digits of the key the image's second tag carries. */
    public static final int TAG_LENGTH = 12;

    private ContentKey() {}

    /**
     * The key, reading every file of the context.
     *
     * @param image the image's name, so that images of the same content under other names stay apart
     * @param context the build context
     * @param buildArgs the build arguments
     * @param baseIds for each image named in a FROM, its id (or the name itself when the engine lacks it)
     * @return the key, 64 hex digits
     * @throws IOException when a file of the context cannot be read
     */
    public static String of(
            String image, BuildContext context, Map<String, String> buildArgs, Map<String, String> baseIds)
            throws IOException {
        return of(image, context, buildArgs, baseIds, FileDigests.none());
    }

    /**
     * The key, reading only the files whose digests {@code files} does not know for their present state.
     *
     * @throws IOException when a file of the context cannot be read
     */
    static String of(
            String image,
            BuildContext context,
            Map<String, String> buildArgs,
            Map<String, String> baseIds,
            FileDigests files)
            throws IOException {
        MessageDigest digest = Digests.sha256();
        line(digest, "image", image, "");
        for (ContextEntry entry : context.entries()) {
            line(digest, "entry", entry.name(), entry.kind() + " " + entry.mode() + " " + entry.linkTarget());
            if (entry.content() != null) {
                line(digest, "bytes", entry.name(), Digests.sha256Hex(entry.content()));
            } else if (entry.kind() == ContextEntry.Kind.FILE) {
                line(digest, "bytes", entry.name(), files.of(entry));
            }
        }
        for (Map.Entry<String, String> arg : new TreeMap<>(buildArgs).entrySet()) {
            line(digest, "arg", arg.getKey(), arg.getValue());
        }
        for (Map.Entry<String, String> base : new TreeMap<>(baseIds).entrySet()) {
            line(digest, "base", base.getKey(), base.getValue());
        }
        return Digests.hex(digest);
    }

    private static void line(MessageDigest digest, String kind, String name, String value) {
        digest.update((kind + "\0" + name + "\0" + value + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The part of {@code key} an image's tag carries. */
    public static String tag(String key) {
        return key.substring(0, TAG_LENGTH);
    }
}
