package io.github.berth.engine.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a build context as a tar stream whose headers match those of the Docker CLI: uid and gid 0, no user or group
 * names, the mode field with the file-type bits, links as links; and, unlike the CLI, a fixed time on every entry so
 * that the same files give the same bytes. Long and non-ASCII names get PAX headers.
 */
public final class ContextTar {

    /** The modification time of every entry. */
    public static final Instant TIME = Instant.EPOCH;

    static final int TYPE_FILE = 0100000;
    static final int TYPE_DIRECTORY = 0040000;
    static final int TYPE_LINK = 0120000;

    private ContextTar() {}

    /**
     * Writes {@code context} to {@code out}, reading each file as it goes; closes nothing but the tar trailer.
     *
     * @throws IOException when a file cannot be read or {@code out} cannot be written
     */
    public static void write(BuildContext context, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        for (ContextEntry entry : context.entries()) {
            write(entry, tar);
        }
        tar.finish();
        tar.flush();
    }

    private static void write(ContextEntry entry, TarArchiveOutputStream tar) throws IOException {
        TarArchiveEntry header = header(entry);
        tar.putArchiveEntry(header);
        if (entry.kind() == ContextEntry.Kind.FILE) {
            if (entry.content() != null) {
                tar.write(entry.content());
            } else {
                copyExactly(entry, header.getSize(), tar);
            }
        }
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry header(ContextEntry entry) throws IOException {
        TarArchiveEntry header;
        switch (entry.kind()) {
            case DIRECTORY -> {
                header = new TarArchiveEntry(entry.name() + "/", TarConstants.LF_DIR);
                header.setMode(TYPE_DIRECTORY | entry.mode());
            }
            case LINK -> {
                header = new TarArchiveEntry(entry.name(), TarConstants.LF_SYMLINK);
                header.setLinkName(entry.linkTarget());
                header.setMode(TYPE_LINK | entry.mode());
            }
            default -> {
                header = new TarArchiveEntry(entry.name(), TarConstants.LF_NORMAL);
                header.setMode(TYPE_FILE | entry.mode());
                header.setSize(entry.content() != null ? entry.content().length : Files.size(entry.source()));
            }
        }
        header.setUserId(0);
        header.setGroupId(0);
        header.setUserName("");
        header.setGroupName("");
        header.setModTime(FileTime.from(TIME));
        return header;
    }

    /** Copies the file's bytes, failing when it changed size since its header was written. */
    private static void copyExactly(ContextEntry entry, long size, OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(entry.source())) {
            long copied = in.transferTo(new LimitedOutputStream(out, size));
            if (copied != size) {
                throw new IOException(entry.source() + " changed while it was sent to the engine (" + size
                        + " bytes expected, " + copied + " read); build again");
            }
        }
    }

    /** Passes at most {@code limit} bytes on, and fails past them. */
    private static final class LimitedOutputStream extends OutputStream {

        private final OutputStream out;
        private long left;

        LimitedOutputStream(OutputStream out, long limit) {
            this.out = out;
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length > left) {
                throw new IOException("a file grew while it was sent to the engine; build again");
            }
            out.write(bytes, offset, length);
            left -= length;
        }
    }
}
