package org.pushplatform.gateway.messaging;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.Topics;
import org.pushplatform.contract.tracing.MessageTraces;
import org.pushplatform.gateway.config.GatewayConfig;
import org.pushplatform.gateway.session.LocalConnection;

/**
 * Writes client frames, connection lifecycle and delivery receipts to {@code push.in.<service>} of the connection's
 * API, keyed by the connection's routing key (its identity's once known), so that they stay in order and reach the
 * identity's owner. Each record gets a unique message id, on which services are idempotent. Never blocks: it is
 * called on Netty threads.
 */
@ApplicationScoped
public class InboundPublisher {

    private static final Logger LOG = Logger.getLogger(InboundPublisher.class);
    private static final String ROUTING = "routing";

    private final Emitter<String> emitter;
    private final String nodeId;
    private final Topics topics;
    private final InFlightBytes inFlight;
    private final Counter refused;
    private final MessageSpans spans;

    public InboundPublisher(@Channel("routing-in") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
                            Emitter<String> emitter, GatewayConfig config, MessageSpans spans, MeterRegistry metrics) {
        this.emitter = emitter;
        this.spans = spans;
        this.nodeId = config.nodeId();
        this.topics = new Topics(config.topicPrefix());
        this.inFlight = new InFlightBytes(config.maxInboundBytes());
        this.refused = metrics.counter("push_gateway_frames_total", "outcome", "node-backlog-refused");
        metrics.gauge("push_gateway_inbound_bytes_in_flight", inFlight, InFlightBytes::inFlight);
    }

    /** Bytes of records handed to Kafka and not yet acknowledged by it. */
    public long inFlightBytes() {
        return inFlight.inFlight();
    }

    /**
     * A client frame (or a connection's opening) to the connection's service, where a trace of it starts when the
     * sampler picks it. Refused while the node's records waiting for Kafka pass their bound in bytes: the client hears
     * nothing back, as from a lost frame, and it is counted. @return the record's message id, or null when refused
     */
    public String publish(String type, LocalConnection connection, JsonNode payload) {
        String messageId = UUID.randomUUID().toString();
        Span span = spans.received(type, connection, messageId);
        String record = EnvelopeCodec.encode(envelope(type, connection.app(), connection.connectionId(), messageId, payload,
            MessageTraces.traceparentOf(span)));
        if (!inFlight.tryTake(record.length())) {
            refused.increment();
            span.setStatus(StatusCode.ERROR, "the node's records waiting for Kafka are past their bound").end();
            LOG.debugf("[%s] %s refused: the node's records waiting for Kafka are past their bound", connection.connectionId(), type);
            return null;
        }
        emit(connection.service(), connection.routingKey(), record, span);
        return messageId;
    }

    /**
     * To routing, the delivery hub, whichever service owns the connection's API: receipts and client acks, which
     * only routing tracks.
     */
    public void publishToRouting(String type, LocalConnection connection, JsonNode payload) {
        send(ROUTING, type, connection.app(), connection.connectionId(), connection.routingKey(), payload);
    }

    /** To routing, for a connection that is not here (a receipt of a delivery that found it gone). */
    public void receiptForGone(String type, String connectionId, JsonNode payload) {
        send(ROUTING, type, null, connectionId, connectionId, payload);
    }

    /** A connection that is not here (closed before its binding came) is closed for routing, under the identity's key. */
    public void closedElsewhere(String connectionId, String app, String routingKey) {
        send(ROUTING, EnvelopeTypes.CONNECTION_CLOSED, app, connectionId, routingKey, null);
    }

    /** A closed connection: its service hears it, and routing too, which holds every identity's connections. */
    public void closed(LocalConnection connection, String routingKey) {
        send(connection.service(), EnvelopeTypes.CONNECTION_CLOSED, connection.app(), connection.connectionId(), routingKey, null);
        if (!ROUTING.equals(connection.service())) {
            send(ROUTING, EnvelopeTypes.CONNECTION_CLOSED, connection.app(), connection.connectionId(), routingKey, null);
        }
    }

    /** What must not be lost (closes, receipts; small records) goes whatever the bound. */
    private void send(String service, String type, String app, String connectionId, String key, JsonNode payload) {
        String record = EnvelopeCodec.encode(envelope(type, app, connectionId, UUID.randomUUID().toString(), payload, null));
        inFlight.take(record.length());
        emit(service, key, record, Span.getInvalid());
    }

    private Envelope envelope(String type, String app, String connectionId, String messageId, JsonNode payload, String trace) {
        return new Envelope(Envelope.VERSION, type, app, nodeId, connectionId, null, messageId, System.currentTimeMillis(), payload, trace);
    }

    /** The record's bytes count as in flight until Kafka acknowledged it, or refused it; its span ends then. */
    private void emit(String service, String key, String record, Span span) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(topics.inbound(service)).withKey(key).build();
        long bytes = record.length();
        emitter.send(Message.of(record).addMetadata(metadata)
            .withAck(() -> {
                inFlight.release(bytes);
                span.end();
                return CompletableFuture.completedFuture(null);
            })
            .withNack(failure -> {
                inFlight.release(bytes);
                span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage())).end();
                return CompletableFuture.completedFuture(null);
            }));
    }
}
