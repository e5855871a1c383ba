package io.github.berth.engine.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A digest of a build context as the file system describes it, read without opening a file: every entry's name, kind,
 * mode and link target, and for each file its size, modification and change times and inode; the generated
 * Dockerfile's bytes; the build arguments and base image ids. Equal stamps mean equal contexts unless a file's bytes
 * changed while its size, times and inode stayed put, which the change time (set by the kernel on every write) rules
 * out. A rebuild with nothing changed finds its image by this stamp and reads no file.
 */
final class ContextStamp {

    private static final String ATTRIBUTES = "unix:size,lastModifiedTime,ctime,ino,dev";

    private ContextStamp() {}

    /**
     * @throws IOException when a file of the context cannot be described
     */
    static String of(String image, BuildContext context, Map<String, String> buildArgs, Map<String, String> baseIds)
            throws IOException {
        MessageDigest digest = Digests.sha256();
        field(digest, "image", image);
        for (ContextEntry entry : context.entries()) {
            field(
                    digest,
                    "entry",
                    entry.name() + "\0" + entry.kind() + "\0" + entry.mode() + "\0" + entry.linkTarget());
            if (entry.content() != null) {
                digest.update(entry.content());
            } else if (entry.source() != null) {
                field(digest, "stat", describe(entry.source()));
            }
        }
        for (Map.Entry<String, String> arg : new TreeMap<>(buildArgs).entrySet()) {
            field(digest, "arg", arg.getKey() + "\0" + arg.getValue());
        }
        for (Map.Entry<String, String> base : new TreeMap<>(baseIds).entrySet()) {
            field(digest, "base", base.getKey() + "\0" + base.getValue());
        }
        return Digests.hex(digest);
    }

    /**
     * What the file system says of {@code file}, without opening it: size, modification and change times, inode and
     * device. The kernel sets the change time on every write, so an unchanged description means unchanged bytes.
     */
    static String describe(Path file) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(file, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        return attributes.get("size") + " " + nanos(attributes.get("lastModifiedTime")) + " "
                + nanos(attributes.get("ctime")) + " " + attributes.get("ino") + " " + attributes.get("dev");
    }

    private static long nanos(Object time) {
        return ((FileTime) time).to(TimeUnit.NANOSECONDS);
    }

    private static void field(MessageDigest digest, String kind, String value) {
        digest.update((kind + "\0" + value + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
