package io.github.berth.engine.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.berth.engine.CollectingReporter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jacoco.core.data.ExecutionData;
import org.jacoco.core.data.ExecutionDataWriter;
import org.jacoco.core.data.SessionInfo;
import org.jacoco.core.tools.ExecFileLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecMergerTest {

    @TempDir
    Path directory;

    private final CollectingReporter reporter = new CollectingReporter();

    @Test
    void mergesTheProbesOfEveryInput() throws IOException {
        Path api = exec("api.exec", new ExecutionData(1, "com/example/Api", new boolean[] {true, false}));
        Path worker = exec(
                "worker.exec",
                new ExecutionData(1, "com/example/Api", new boolean[] {false, true}),
                new ExecutionData(2, "com/example/Worker", new boolean[] {true}));
        Path output = directory.resolve("merged/jacoco-it.exec");

        ExecMerger.MergedExec merged = ExecMerger.merge(List.of(api, worker), output, reporter);

        ExecFileLoader loader = new ExecFileLoader();
        loader.load(output.toFile());
        assertThat(merged.files()).isEqualTo(2);
        assertThat(merged.classes()).isEqualTo(2);
        assertThat(loader.getExecutionDataStore().get(1).getProbes()).containsExactly(true, true);
        assertThat(loader.getSessionInfoStore().getInfos()).hasSize(2);
    }

    @Test
    void leavesOutAnInputThatIsNoExecutionData() throws IOException {
        Path good = exec("good.exec", new ExecutionData(1, "com/example/Api", new boolean[] {true}));
        Path broken = Files.writeString(directory.resolve("broken.exec"), "not jacoco");
        Path output = directory.resolve("jacoco-it.exec");

        ExecMerger.MergedExec merged = ExecMerger.merge(List.of(good, broken), output, reporter);

        assertThat(merged.files()).isEqualTo(1);
        assertThat(merged.classes()).isEqualTo(1);
        assertThat(reporter.warnings)
                .singleElement()
                .asString()
                .startsWith("Left JaCoCo data " + broken + " out of " + output + ": Invalid execution data file");
    }

    @Test
    void saysThatAnInputCutShortEndsEarly() throws IOException {
        Path good = exec("good.exec", new ExecutionData(1, "com/example/Api", new boolean[] {true}));
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(directory.resolve("cut.exec"), Arrays.copyOf(bytes, bytes.length - 3));
        Path output = directory.resolve("jacoco-it.exec");

        ExecMerger.merge(List.of(good, cut), output, reporter);

        assertThat(reporter.warnings)
                .singleElement()
                .asString()
                .startsWith("Left JaCoCo data " + cut + " out of " + output + ": it ends early;");
    }

    @Test
    void leavesOutAWholeInputOfAnotherBuildOfAClassAndMergesNoneOfIt() throws IOException {
        Path first = exec(
                "first.exec",
                new ExecutionData(1, "com/example/Api", new boolean[] {true, false}),
                new ExecutionData(2, "com/example/Worker", new boolean[] {true, false}));
        Path other = exec(
                "other.exec",
                new ExecutionData(1, "com/example/Api", new boolean[] {false, true}),
                new ExecutionData(2, "com/example/Worker", new boolean[] {false, true, true}));
        Path output = directory.resolve("jacoco-it.exec");

        ExecMerger.MergedExec merged = ExecMerger.merge(List.of(first, other), output, reporter);

        ExecFileLoader loader = new ExecFileLoader();
        loader.load(output.toFile());
        assertThat(merged.files()).isEqualTo(1);
        assertThat(loader.getExecutionDataStore().get(1).getProbes()).containsExactly(true, false);
        assertThat(reporter.warnings)
                .singleElement()
                .asString()
                .startsWith("Left JaCoCo data " + other + " out of " + output + ": class com/example/Worker has 3"
                        + " probes there and 2 in the data merged before it");
    }

    @Test
    void writesTheMergedFileWithTheModeOfAnyNewFile() throws IOException {
        Path good = exec("good.exec", new ExecutionData(1, "com/example/Api", new boolean[] {true}));
        Path output = directory.resolve("jacoco-it.exec");
        Path plain = Files.createFile(directory.resolve("plain"));

        ExecMerger.merge(List.of(good), output, reporter);

        assertThat(Files.getPosixFilePermissions(output)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void leavesNoOutputWhenNoInputCanBeRead() throws IOException {
        Path broken = Files.writeString(directory.resolve("broken.exec"), "not jacoco");
        Path output = Files.writeString(directory.resolve("jacoco-it.exec"), "old");

        ExecMerger.MergedExec merged = ExecMerger.merge(List.of(broken), output, reporter);

        assertThat(merged.files()).isZero();
        assertThat(output).doesNotExist();
    }

    private Path exec(String name, ExecutionData... classes) throws IOException {
        Path file = directory.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            ExecutionDataWriter writer = new ExecutionDataWriter(out);
            writer.visitSessionInfo(new SessionInfo(name, 1, 2));
            for (ExecutionData data : classes) {
                writer.visitClassExecution(data);
            }
        }
        return file;
    }
}
