package org.pushplatform.gateway.messaging;

import java.util.Collection;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The node is ready only once Kafka has assigned it its delivery topic: before that, replies to its clients
 * would wait unread, and a launcher or load balancer would send clients to a node that cannot answer them.
 */
@ApplicationScoped
@Identifier("delivery-assignment")
@Readiness
public class DeliveryAssignment implements KafkaConsumerRebalanceListener, HealthCheck {

    private volatile boolean assigned;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned = assigned || !partitions.isEmpty();
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned = false;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("delivery-topic-assigned").status(assigned).build();
    }
}
