package org.pushplatform.gateway.messaging;

import java.util.UUID;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.GatewayHeartbeat;
import org.pushplatform.gateway.config.GatewayConfig;
import org.pushplatform.gateway.session.LocalConnections;

/** Tells routing, every few seconds, that this node and its connections are alive. */
@ApplicationScoped
public class HeartbeatPublisher {

    /** New at every start: routing drops the connections it knew of this node when it changes. */
    private final String bootId = UUID.randomUUID().toString();
    private final Emitter<String> emitter;
    private final GatewayConfig config;
    private final LocalConnections connections;

    public HeartbeatPublisher(@Channel("heartbeats") Emitter<String> emitter, GatewayConfig config, LocalConnections connections) {
        this.emitter = emitter;
        this.config = config;
        this.connections = connections;
    }

    @Scheduled(every = "${push.heartbeat-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        var heartbeat = new GatewayHeartbeat(bootId, config.heartbeatInterval().toMillis(), connections.size());
        Envelope envelope = Envelope.toGateway(EnvelopeTypes.GATEWAY_HEARTBEAT, config.nodeId(), bootId, EnvelopeCodec.toJson(heartbeat));
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder().withKey(config.nodeId()).build();
        emitter.send(Message.of(EnvelopeCodec.encode(envelope)).addMetadata(key));
    }
}
