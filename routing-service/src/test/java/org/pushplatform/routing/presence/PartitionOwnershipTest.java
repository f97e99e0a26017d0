package org.pushplatform.routing.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.pushplatform.routing.config.RoutingConfig;
import org.pushplatform.routing.ownership.IdentityPartitions;

class PartitionOwnershipTest {

    @Test
    void aPartitionGainedWhilePostgresqlIsAwayIsTakenOverOnceItIsBackNeverAsEmpty() {
        // given PostgreSQL refusing the takeover's read twice (shutting down, then starting up)
        RoutingConfig config = mock(RoutingConfig.class);
        when(config.topicPrefix()).thenReturn("push.");
        when(config.livenessCheck()).thenReturn(java.time.Duration.ofSeconds(5));
        LiveConnectionStore store = mock(LiveConnectionStore.class);
        ClientConnection live = new ClientConnection("c-1", "gw-1", "app", "app-bob", 3, "pubsub");
        AtomicInteger reads = new AtomicInteger();
        when(store.ofPartitions(any())).thenAnswer(call -> switch (reads.incrementAndGet()) {
            case 1 -> Uni.createFrom().failure(new PgException("terminating connection due to administrator command", "FATAL", "57P01", null));
            case 2 -> Uni.createFrom().failure(new PgException("the database system is starting up", "FATAL", "57P03", null));
            default -> Uni.createFrom().item(List.of(live));
        });
        IdentityPartitions partitions = new IdentityPartitions();
        ConnectionRegistry registry = new ConnectionRegistry(mock(PresenceListener.class));
        PartitionOwnership ownership = new PartitionOwnership(partitions, registry, store, new GatewayLiveness(registry, 15_000), config,
            new SimpleMeterRegistry());
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
        consumer.updateEndOffsets(Map.of(new TopicPartition("push.route.internal", 3), 0L));

        // when Kafka assigns partition 3
        ownership.onPartitionsAssigned(consumer, List.of(new TopicPartition("push.in.routing", 3)));

        // then it was read again until it worked: the partition is owned with its live connection, not as empty
        assertThat(reads.get()).isEqualTo(3);
        assertThat(partitions.owns(3)).isTrue();
        assertThat(registry.find("c-1")).contains(live);
        assertThat(ownership.takingOver()).isFalse();
    }
}
