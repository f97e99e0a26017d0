package org.pushplatform.routing.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

class OutboundBacklogTest {

    @Test
    void pastItsBoundRoutingWaitsUntilKafkaHasAcknowledgedEnough() {
        // given 1,000 bytes allowed, and a record of 1,500 handed to Kafka and not acknowledged yet
        OutboundBacklog backlog = new OutboundBacklog(1000, new SimpleMeterRegistry());
        Message<String> sent = backlog.counted(Message.of("x"), 1500);
        AtomicBoolean room = new AtomicBoolean();

        // when routing asks for room, it waits
        backlog.room().subscribe().with(ready -> room.set(true));
        assertThat(room).isFalse();

        // then Kafka's acknowledgement lets it go on, and nothing is in flight any more
        sent.ack().toCompletableFuture().join();
        backlog.room().await().atMost(Duration.ofSeconds(5));
        assertThat(backlog.inFlight()).isZero();
    }

    @Test
    void aRefusedRecordIsNoLongerCounted() {
        OutboundBacklog backlog = new OutboundBacklog(1000, new SimpleMeterRegistry());

        backlog.counted(Message.of("x"), 700).nack(new IllegalStateException("refused")).toCompletableFuture().join();

        assertThat(backlog.inFlight()).isZero();
    }
}
