package io.github.berth.engine.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.berth.engine.BerthException;
import io.github.berth.engine.Reporter;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The file {@code CLUSTER.json} under {@code target/berth/} that tells tests and {@code stop-cluster} about a
 * started cluster. It is replaced atomically, so a reader never sees half of it.
 */
public final class StateFile {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;

    public StateFile(Path stateDirectory, String cluster) {
        this.file = stateDirectory.resolve(cluster + ".json");
    }

    public Path path() {
        return file;
    }

    /** Writes {@code state}, with the properties it gives tests, in place of what the file held. */
    public void write(ClusterState state) {
        ObjectNode document = JSON.valueToTree(state);
        document.set("properties", JSON.valueToTree(state.properties()));
        try {
            Files.createDirectories(file.getParent());
            Path temporary =
                    Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                JSON.writeValue(temporary.toFile(), document);
                move(temporary, file);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new BerthException("Cannot write the cluster state file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The state the file holds, or empty when there is no file. A file that cannot be read is reported, renamed to
     * {@code CLUSTER.json.corrupt}, and counts as absent.
     */
    public Optional<ClusterState> read(Reporter reporter) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), ClusterState.class));
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
            try {
                move(file, aside);
            } catch (IOException moveFailure) {
                e.addSuppressed(moveFailure);
            }
            reporter.warning("Cluster state file " + file + " is corrupt ("
                    + e.getMessage().lines().findFirst().orElse("") + "); set it aside as " + aside
                    + " and finding the cluster by its labels instead");
            return Optional.empty();
        }
    }

    /** Removes the file; a missing one is fine. */
    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new BerthException("Cannot delete the cluster state file " + file + ": " + e.getMessage(), e);
        }
    }
}
