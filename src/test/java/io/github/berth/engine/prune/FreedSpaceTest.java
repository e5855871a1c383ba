package io.github.berth.engine.prune;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.berth.engine.docker.ImageNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreedSpaceTest {

    private static final ImageNode BASE = new ImageNode("base", "", 100, true);

    @Test
    void countsOnlyWhatLiesAboveTheTaggedBase() {
        ImageNode step = new ImageNode("step", "base", 110, false);
        ImageNode old = new ImageNode("old", "step", 115, true);

        long freed = FreedSpace.estimate(List.of("old"), List.of(BASE, step, old));

        assertThat(freed).isEqualTo(15);
    }

    @Test
    void stopsAtAnAncestorWithOtherChildren() {
        ImageNode shared = new ImageNode("shared", "base", 110, false);
        ImageNode old = new ImageNode("old", "shared", 130, true);
        ImageNode kept = new ImageNode("kept", "shared", 140, true);

        long freed = FreedSpace.estimate(List.of("old"), List.of(BASE, shared, old, kept));

        assertThat(freed).isEqualTo(20);
    }

    @Test
    void countsTwoRemovedImagesOfOneChainOnce() {
        ImageNode older = new ImageNode("older", "base", 120, true);
        ImageNode old = new ImageNode("old", "older", 150, true);

        long freed = FreedSpace.estimate(List.of("older", "old"), List.of(BASE, older, old));

        assertThat(freed).isEqualTo(50);
    }

    @Test
    void countsAnImageWithoutKnownParentInFull() {
        ImageNode imported = new ImageNode("imported", "", 70, false);

        assertThat(FreedSpace.estimate(List.of("imported"), List.of(imported))).isEqualTo(70);
    }
}
