package io.github.berth.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The benchmark on tiny fixtures: every tool builds, starts, stops and leaves nothing behind on the real engine. */
class BenchSmokeIT {

    private static final Path LOG = Path.of("target", "bench-smoke.log");

    @Test
    void smokeRunOfTheBenchmarkPassesForEveryTool() throws IOException, InterruptedException {
        Process bench = new ProcessBuilder("bench/run", "--smoke")
                .redirectErrorStream(true)
                .redirectOutput(LOG.toFile())
                .start();

        // A quick run on an idle machine; the bound leaves room for a machine that other builds keep busy.
        boolean finished = bench.waitFor(15, TimeUnit.MINUTES);
        if (!finished) {
            stop(bench);
        }

        String output = Files.readString(LOG);
        assertThat(finished)
                .as("bench/run --smoke finished within 15 minutes; output:%n%s", output)
                .isTrue();
        assertThat(bench.exitValue())
                .as("exit code of bench/run --smoke; output:%n%s", output)
                .isZero();
        assertThat(output).contains(List.of("| Stop and removal |", "results written to"));
    }

    /** Terminates the bench, which then removes what it created, and kills whatever of it is left after a minute. */
    private static void stop(Process bench) throws InterruptedException {
        List<ProcessHandle> tree = bench.descendants().toList();
        bench.destroy();
        if (!bench.waitFor(1, TimeUnit.MINUTES)) {
            bench.destroyForcibly();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
    }
}
