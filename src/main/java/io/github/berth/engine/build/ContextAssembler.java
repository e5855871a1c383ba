package io.github.berth.engine.build;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.ConfigurationException;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Decides what goes into the build context of one builder: the files of its folder, the files its Dockerfile includes
 * (under {@code extra/}), the rewritten Dockerfile, less what {@code .dockerignore} leaves out. Reads no file content.
 */
public final class ContextAssembler {

    /** Where included files land in the context. */
    public static final String INCLUDES = "extra";

    private static final int DEFAULT_DIRECTORY_MODE = 0755;

    private final Path projectRoot;

    /** @param projectRoot the folder include paths are relative to */
    public ContextAssembler(Path projectRoot) {
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
    }

    /**
     * @param builderDirectory the folder holding the Dockerfile
     * @param dockerfile the parsed Dockerfile, for its includes
     * @param rewrittenDockerfile the Dockerfile as the engine gets it
     * @throws ConfigurationException for an include that is missing or leaves the project root
     */
    public BuildContext assemble(Path builderDirectory, Dockerfile dockerfile, String rewrittenDockerfile) {
        DockerIgnore ignore = readIgnore(builderDirectory.resolve(".dockerignore"));
        Map<String, ContextEntry> entries = new TreeMap<>();
        addTree(builderDirectory, "", ignore, entries, null);
        for (Include include : dockerfile.includes()) {
            addInclude(include, dockerfile, ignore, entries);
        }
        Path dockerfilePath = dockerfile.path();
        entries.put(
                BuildContext.DOCKERFILE,
                ContextEntry.generated(
                        BuildContext.DOCKERFILE, mode(dockerfilePath), Dockerfile.bytes(rewrittenDockerfile)));
        return new BuildContext(List.copyOf(entries.values()));
    }

    private static DockerIgnore readIgnore(Path file) {
        if (!Files.isRegularFile(file)) {
            return DockerIgnore.none();
        }
        try {
            return DockerIgnore.parse(Files.readString(file));
        } catch (IOException e) {
            throw new BerthException("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(file + " " + e.getMessage() + "; fix or remove the line", e);
        }
    }

    /**
     * The files of project {@code paths}, each under {@code extra/PATH} as an include puts it, for a container.
     *
     * @param owner names what asks for the paths, for messages
     * @throws ConfigurationException for a path that is missing or leaves the project root
     */
    public BuildContext provided(List<String> paths, String owner) {
        Map<String, ContextEntry> entries = new TreeMap<>();
        entries.put(INCLUDES, ContextEntry.directory(INCLUDES, DEFAULT_DIRECTORY_MODE));
        for (String path : paths) {
            addInclude(path, owner + " path '" + path + "'", DockerIgnore.none(), entries);
        }
        return new BuildContext(List.copyOf(entries.values()));
    }

    private void addInclude(
            Include include, Dockerfile dockerfile, DockerIgnore ignore, Map<String, ContextEntry> entries) {
        String where = dockerfile.path() + " line " + include.line() + ": '# %include " + include.path() + "'";
        addInclude(include.path(), where, ignore, entries);
    }

    private void addInclude(String included, String where, DockerIgnore ignore, Map<String, ContextEntry> entries) {
        String path = included.replace('\\', '/');
        boolean folder = path.endsWith("/");
        String relative = DockerIgnore.clean(path);
        if (path.startsWith("/") || Path.of(included).isAbsolute()) {
            throw new ConfigurationException(
                    where + " is an absolute path; write it relative to the project root " + projectRoot);
        }
        if (List.of(path.split("/")).contains("..")) {
            throw new ConfigurationException(
                    where + " climbs out with '..'; includes must stay inside the project root " + projectRoot);
        }
        Path source = projectRoot.resolve(relative);
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new ConfigurationException(where + ": " + source + " does not exist; fix the path (relative to "
                    + projectRoot + ") or remove it");
        }
        Path real = realPath(source, where);
        if (!real.startsWith(realPath(projectRoot, where))) {
            throw new ConfigurationException(where + ": " + source + " resolves to " + real
                    + ", outside the project root " + projectRoot + "; include files of the project only");
        }
        String name = relative.isEmpty() ? INCLUDES : INCLUDES + "/" + relative;
        addParents(name, entries);
        if (Files.isDirectory(real)) {
            List<String> tracked = GitFiles.tracked(real).orElse(null);
            if (tracked != null && tracked.isEmpty() && holdsAFile(real)) {
                throw new ConfigurationException(
                        where + ": git tracks none of the files in " + source + ", and a folder"
                                + " gives only the files git tracks; 'git add' them, or include each file on a line of its own");
            }
            addTree(real, name + "/", ignore, entries, tracked);
        } else if (folder) {
            throw new ConfigurationException(
                    where + ": " + source + " is a file, but the trailing '/' asks for a" + " folder; remove the '/'");
        } else if (!ignore.excludes(name)) {
            put(entries, ContextEntry.file(name, mode(real), real), where);
        }
    }

    private void addParents(String name, Map<String, ContextEntry> entries) {
        int slash = name.indexOf('/');
        while (slash > 0) {
            String parent = name.substring(0, slash);
            Path source = parent.equals(INCLUDES) ? null : projectRoot.resolve(parent.substring(INCLUDES.length() + 1));
            entries.putIfAbsent(
                    parent, ContextEntry.directory(parent, source == null ? DEFAULT_DIRECTORY_MODE : mode(source)));
            slash = name.indexOf('/', slash + 1);
        }
    }

    /**
     * Adds {@code root} and everything under it, links as links. With {@code tracked} given, only the files git tracks
     * (and the folders holding them) are added.
     */
    private static void addTree(
            Path root, String prefix, DockerIgnore ignore, Map<String, ContextEntry> entries, List<String> tracked) {
        Set<String> wanted = tracked == null ? null : Set.copyOf(tracked);
        Set<String> wantedFolders = tracked == null ? null : folders(tracked);
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    String relative = relative(root, dir);
                    if (relative.isEmpty()) {
                        if (!prefix.isEmpty()) {
                            String name = prefix.substring(0, prefix.length() - 1);
                            entries.putIfAbsent(name, ContextEntry.directory(name, mode(dir)));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                    String name = prefix + relative;
                    if (ignore.excludes(name)) {
                        return ignore.hasExceptions() ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                    }
                    if (wantedFolders == null || wantedFolders.contains(relative)) {
                        entries.putIfAbsent(name, ContextEntry.directory(name, mode(dir)));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    String relative = relative(root, file);
                    String name = prefix + relative;
                    boolean always = prefix.isEmpty() && relative.equals(".dockerignore");
                    if (wanted != null && !wanted.contains(relative) || !always && ignore.excludes(name)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attributes.isSymbolicLink()) {
                        entries.put(
                                name,
                                ContextEntry.link(
                                        name, Files.readSymbolicLink(file).toString()));
                    } else if (attributes.isRegularFile()) {
                        entries.put(name, ContextEntry.file(name, mode(file), file));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new BerthException("Cannot list the files of " + root + ": " + e.getMessage(), e);
        }
    }

    private static boolean holdsAFile(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.anyMatch(path -> !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw new BerthException("Cannot list the files of " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> folders(List<String> files) {
        Set<String> folders = new HashSet<>();
        for (String file : files) {
            for (int slash = file.indexOf('/'); slash > 0; slash = file.indexOf('/', slash + 1)) {
                folders.add(file.substring(0, slash));
            }
        }
        return folders;
    }

    private static void put(Map<String, ContextEntry> entries, ContextEntry entry, String where) {
        ContextEntry previous = entries.put(entry.name(), entry);
        if (previous != null && previous.kind() != entry.kind()) {
            throw new ConfigurationException(where + " puts " + entry.name() + " into the context, where the builder"
                    + " folder already has one; rename one of them");
        }
    }

    /** {@code path} relative to {@code root}, '/' between its names; where '/' separates names, '\' is a letter. */
    private static String relative(Path root, Path path) {
        String relative = root.relativize(path).toString();
        return File.separatorChar == '/' ? relative : relative.replace(File.separatorChar, '/');
    }

    private static Path realPath(Path path, String where) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new ConfigurationException(
                    where + ": cannot resolve " + path + ": " + e.getMessage() + "; fix or remove the broken link", e);
        }
    }

    /** The permission bits of {@code path} (not following a link), with set-id and sticky bits. */
    static int mode(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return ((Integer) mode) & 07777;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return posixMode(path);
        } catch (IOException e) {
            throw new BerthException("Cannot read the mode of " + path + ": " + e.getMessage(), e);
        }
    }

    private static int posixMode(Path path) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            int mode = 0;
            for (PosixFilePermission permission : permissions) {
                mode |= 1 << (8 - permission.ordinal());
            }
            return mode;
        } catch (UnsupportedOperationException e) {
            return Files.isDirectory(path) || Files.isExecutable(path) ? 0755 : 0644;
        } catch (IOException e) {
            throw new BerthException("Cannot read the mode of " + path + ": " + e.getMessage(), e);
        }
    }
}
