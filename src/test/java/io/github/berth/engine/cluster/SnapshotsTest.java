package io.github.berth.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.berth.engine.docker.ImageReference;
import java.util.List;
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
    void berthRebuildNamesASnapshotByItsServiceOrItsImage() {
        ClusterSpec cluster = new ClusterSpec(
                "Shop", List.of(Service.of("DB", "db").snapshot().build()), ClusterSpec.DEFAULT_DEADLINE);

        assertThat(cluster.snapshotRedoNames()).containsExactlyInAnyOrder("DB", "db-snapshot", "shop-db-snapshot");
    }

    @Test
    void aClobberFileAndARebuildNameTheSnapshotByItsService() {
        assertThat(Snapshots.redoName("DB")).isEqualTo("db-snapshot");
    }
}
