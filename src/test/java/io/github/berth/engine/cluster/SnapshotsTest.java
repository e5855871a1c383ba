package io.github.berth.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.berth.engine.docker.ImageReference;
import org.junit.jupiter.api.Test;

class SnapshotsTest {

    @Test
    void aSnapshotIsNamedAfterItsClusterAndService() {
        assertThat(Snapshots.name("Shop", "DB")).isEqualTo("shop-db-snapshot");
    }

    @Test
    void theNameOfASnapshotIsARepositoryNameWhateverTheClusterAndServiceAreCalled() {
        for (String[] names : new String[][] {{"shop", "db."}, {"shop_", "-db"}, {"my.app", "db__1"}, {"a-", "b_"}}) {
            String name = Snapshots.name(names[0], names[1]);

            assertThat(ImageReference.parse(name).repository()).isEqualTo(name);
            assertThat(name).matches("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
        }
    }

    @Test
    void aClobberFileAndARebuildNameTheSnapshotByItsService() {
        assertThat(Snapshots.redoName("DB")).isEqualTo("db-snapshot");
    }
}
