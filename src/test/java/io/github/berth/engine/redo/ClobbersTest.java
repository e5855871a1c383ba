package io.github.berth.engine.redo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClobbersTest {

    private static final Instant MADE = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path docker;

    @TempDir
    Path state;

    @Test
    void withoutAClobberFileNothingIsDue() {
        Clobbers clobbers = new Clobbers(docker, new MadeTimes(state));

        assertThat(clobbers.due("app", () -> Optional.of(MADE))).isFalse();
    }

    @Test
    void clobberFileNewerThanTheRecordedMakingIsDue() throws IOException {
        MadeTimes times = new MadeTimes(state);
        times.made("app", MADE);
        touch("clobber.app", MADE.plusSeconds(1));

        assertThat(new Clobbers(docker, times).due("app", () -> Optional.empty()))
                .isTrue();
    }

    @Test
    void clobberFileOlderThanTheRecordedMakingIsNotDue() throws IOException {
        MadeTimes times = new MadeTimes(state);
        times.made("app", MADE);
        touch("clobber.app", MADE.minusSeconds(1));

        assertThat(new Clobbers(docker, times).due("app", () -> Optional.of(MADE.minusSeconds(60))))
                .isFalse();
    }

    @Test
    void withoutARecordTheEnginesImageTimeDecides() throws IOException {
        touch("clobber.app", MADE);
        Clobbers clobbers = new Clobbers(docker, new MadeTimes(state));

        assertThat(clobbers.due("app", () -> Optional.of(MADE.plusSeconds(1)))).isFalse();
        assertThat(clobbers.due("app", () -> Optional.of(MADE.minusSeconds(1)))).isTrue();
        assertThat(clobbers.due("app", Optional::empty)).isTrue();
    }

    @Test
    void makingRecordsTheTimeSoTheClobberCountsOnce() throws IOException {
        touch("clobber.app", Instant.now().minusSeconds(1));
        Clobbers clobbers = new Clobbers(docker, new MadeTimes(state));

        clobbers.made("app");

        assertThat(clobbers.due("app", Optional::empty)).isFalse();
        assertThat(Files.readString(state.resolve(MadeTimes.FILE))).contains("app=");
    }

    @Test
    void aCorruptStateFileKnowsNothing() throws IOException {
        Files.writeString(state.resolve(MadeTimes.FILE), "app=yesterday\n");

        assertThat(new MadeTimes(state).lastMade("app")).isEmpty();
    }

    private void touch(String name, Instant at) throws IOException {
        Path file = Files.writeString(docker.resolve(name), "");
        Files.setLastModifiedTime(file, FileTime.from(at));
    }
}
