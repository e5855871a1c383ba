package io.github.berth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HoldersTest {

    @Test
    void thisProcessHoldsWhatItMarks() {
        String holder = Holders.held(Map.of("a", "b")).get(Labels.HOLDER);

        assertThat(holder).endsWith("/" + ProcessHandle.current().pid());
        assertThat(Holders.abandoned(holder)).isFalse();
    }

    @Test
    void aProcessOfThisHostThatEndedAbandonedWhatItHeld() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();

        assertThat(Holders.abandoned(hostOfThisProcess() + "/" + ended.pid())).isTrue();
    }

    @Test
    void anotherLiveProcessOfThisHostIsRunningElsewhere() throws Exception {
        Process running = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(Holders.runningElsewhere(hostOfThisProcess() + "/" + running.pid()))
                    .isTrue();
            assertThat(Holders.runningElsewhere(Holders.current())).isFalse();
            assertThat(Holders.runningElsewhere("some-other-build-host/" + running.pid()))
                    .isFalse();
        } finally {
            running.destroyForcibly();
        }
        running.waitFor();
        assertThat(Holders.runningElsewhere(hostOfThisProcess() + "/" + running.pid()))
                .isFalse();
    }

    @Test
    void holdersOfOtherHostsAndMalformedOnesAreLeftAlone() {
        assertThat(Holders.abandoned("some-other-build-host/1")).isFalse();
        assertThat(Holders.abandoned(hostOfThisProcess() + "/not-a-pid")).isFalse();
        assertThat(Holders.abandoned("no-slash")).isFalse();
        assertThat(Holders.abandoned(null)).isFalse();
    }

    static String hostOfThisProcess() {
        String holder = Holders.held(Map.of()).get(Labels.HOLDER);
        return holder.substring(0, holder.lastIndexOf('/'));
    }
}
