package org.pushplatform.routing.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class IdentityPartitionsTest {

    private final IdentityPartitions partitions = new IdentityPartitions();

    @Test
    void aPartitionGainedWithNothingInFlightRoutesDirectlyAtOnce() {
        partitions.assigned(List.of(0, 1), Map.of());

        assertThat(partitions.routesDirectly(0)).isTrue();
        assertThat(partitions.routesDirectly(1)).isTrue();
        assertThat(partitions.routesDirectly(2)).as("not owned").isFalse();
    }

    @Test
    void aPartitionGainedWithRepartitionRecordsInFlightRoutesThroughKafkaUntilItsLastOneIsRead() {
        // given partition 3 gained while another owner's deliveries up to offset 41 wait on the repartition topic
        partitions.assigned(List.of(3), Map.of(3, 41L));
        assertThat(partitions.routesDirectly(3)).isFalse();

        // when the records before the last are read, deliveries still queue behind them
        partitions.repartitionRead(3, 40);
        assertThat(partitions.routesDirectly(3)).isFalse();

        // then once the last is read, a new delivery cannot overtake any of them
        partitions.repartitionRead(3, 41);
        assertThat(partitions.routesDirectly(3)).isTrue();
    }

    @Test
    void aRevokedPartitionNeverRoutesDirectly() {
        partitions.assigned(List.of(5), Map.of());

        partitions.revoked(List.of(5));

        assertThat(partitions.routesDirectly(5)).isFalse();
    }
}
