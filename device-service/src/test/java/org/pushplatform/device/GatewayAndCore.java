package org.pushplatform.device;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.DeliveryOutcome;
import org.pushplatform.contract.delivery.DeliveryRecord;
import org.pushplatform.contract.delivery.DeliveryRecords;

/**
 * Plays, on a real Kafka, what surrounds device-service: a gateway node writing a device connection's frames to
 * {@code push.in.device} (keyed as the real gateway keys them), and the delivery core reading {@code push.route}
 * and answering with outcomes on {@code push.events.deliveries}, as routing writes them.
 */
final class GatewayAndCore implements AutoCloseable {

    static final String NODE = "gw-test";

    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> commands;
    private final List<DeliveryRecord> unread = new ArrayList<>();

    GatewayAndCore(String bootstrap) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(),
            new StringSerializer());
        commands = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG, "core-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
            new StringDeserializer(), new StringDeserializer());
        commands.subscribe(List.of("push.route"));
        // joined before the test acts: "latest" must mean from now on
        long deadline = System.currentTimeMillis() + 30_000;
        while (commands.assignment().isEmpty() && System.currentTimeMillis() < deadline) {
            commands.poll(Duration.ofMillis(100));
        }
    }

    /** A frame of a device API connection; {@code key} is the device's key once it named one, else the connection's id. */
    void frame(String app, String connectionId, String key, String event, JsonNode payload) {
        send("push.in.device", key, new Envelope(Envelope.VERSION, EnvelopeTypes.frame("device", event), app, NODE, connectionId, null,
            UUID.randomUUID().toString(), System.currentTimeMillis(), payload));
    }

    void closed(String app, String connectionId, String key) {
        send("push.in.device", key, new Envelope(Envelope.VERSION, EnvelopeTypes.CONNECTION_CLOSED, app, NODE, connectionId, null,
            UUID.randomUUID().toString(), System.currentTimeMillis(), null));
    }

    /** The core's outcome of a delivery, as routing's structured CloudEvent. */
    void outcome(DeliveryOutcome outcome) {
        String event = EnvelopeCodec.mapper().createObjectNode().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
            .put("source", "test").put("type", "org.pushplatform.delivery.outcome")
            .set("data", EnvelopeCodec.toJson(outcome)).toString();
        producer.send(new ProducerRecord<>("push.events.deliveries", outcome.requester(), event));
        producer.flush();
    }

    static DeliveryOutcome delivered(org.pushplatform.contract.delivery.Deliver deliver, JsonNode ack) {
        return new DeliveryOutcome(deliver.messageId(), deliver.requester(), deliver.to(), DeliveryOutcome.Status.DELIVERED, null, null,
            "c", ack, System.currentTimeMillis());
    }

    static DeliveryOutcome failed(org.pushplatform.contract.delivery.Deliver deliver, DeliveryOutcome.Reason reason) {
        return new DeliveryOutcome(deliver.messageId(), deliver.requester(), deliver.to(), DeliveryOutcome.Status.FAILED, reason, null,
            null, null, System.currentTimeMillis());
    }

    /** The next command to the core that matches, waiting up to 20 s; those before it are passed over. */
    <T extends DeliveryRecord> T next(Class<T> type, Predicate<T> matching) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            for (int i = 0; i < unread.size(); i++) {
                DeliveryRecord record = unread.get(i);
                if (type.isInstance(record) && matching.test(type.cast(record))) {
                    unread.subList(0, i + 1).clear();
                    return type.cast(record);
                }
            }
            commands.poll(Duration.ofMillis(100)).forEach(r -> unread.add(DeliveryRecords.payloadOf(EnvelopeCodec.decode(r.value()))));
        }
        throw new AssertionError("no " + type.getSimpleName() + " came; read: " + unread);
    }

    /** The next delivery of {@code event} to an address. */
    org.pushplatform.contract.delivery.Deliver deliver(String event, Address to) {
        return next(org.pushplatform.contract.delivery.Deliver.class, d -> event.equals(d.event()) && to.equals(d.to()));
    }

    private void send(String topic, String key, Envelope envelope) {
        producer.send(new ProducerRecord<>(topic, key, EnvelopeCodec.encode(envelope)));
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
        commands.close();
    }
}
