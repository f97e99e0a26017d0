package org.pushplatform.gateway.messaging;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.GatewayHeartbeat;
import org.pushplatform.gateway.config.GatewayConfig;
import org.pushplatform.gateway.node.NodeEndpoints;
import org.pushplatform.gateway.session.LocalConnections;

/** Tells routing, every few seconds, that this node and its connections are alive. */
@ApplicationScoped
public class HeartbeatPublisher {

    private static final Logger LOG = Logger.getLogger(HeartbeatPublisher.class);

    private final Emitter<String> emitter;
    private final GatewayConfig config;
    private final LocalConnections connections;
    private final NodeRun run;
    private final NodeIdClaim claim;

    private final NodeEndpoints endpoints;
    private final ConnectionsByKind byKind;

    public HeartbeatPublisher(@Channel("heartbeats") Emitter<String> emitter, GatewayConfig config, LocalConnections connections,
                              NodeRun run, NodeIdClaim claim, NodeEndpoints endpoints, MeterRegistry metrics) {
        this.byKind = new ConnectionsByKind(metrics);
        this.endpoints = endpoints;
        this.emitter = emitter;
        this.config = config;
        this.connections = connections;
        this.run = run;
        this.claim = claim;
    }

    // not before the application runs: until Reactive Messaging has wired the channel, this bean cannot be made
    @Scheduled(every = "${push.heartbeat-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
        skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void beat() {
        if (claim.held()) {
            send(false);
        }
    }

    /**
     * The last heartbeat, so that a new run under this node id need not wait for this one's to lapse; after the
     * drain ({@link GatewayDrain}), so that routing hears every client's close before it.
     */
    void farewell(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 1) ShutdownEvent event) {
        if (claim.release()) {
            try {
                send(true).toCompletableFuture().get(2, TimeUnit.SECONDS);
                LOG.infof("[%s] said farewell: its node id is free", config.nodeId());
            } catch (Exception e) {
                // Kafka may be gone already: the next run then waits for this one's heartbeats to lapse
                LOG.infof("[%s] could not say farewell: %s", config.nodeId(), e.toString());
            }
        }
    }

    private CompletionStage<Void> send(boolean stopping) {
        Map<String, Integer> counts = connections.countsByKind();
        byKind.counted(counts);
        var heartbeat = new GatewayHeartbeat(run.bootId(), config.heartbeatInterval().toMillis(), connections.size(), run.startedAt(),
            stopping, endpoints.host(), endpoints.ports(), counts);
        Envelope envelope = Envelope.toGateway(EnvelopeTypes.GATEWAY_HEARTBEAT, config.nodeId(), run.bootId(),
            EnvelopeCodec.toJson(heartbeat));
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder().withKey(config.nodeId()).build();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        emitter.send(Message.of(EnvelopeCodec.encode(envelope)).addMetadata(key)
            .withAck(() -> {
                sent.complete(null);
                return CompletableFuture.completedFuture(null);
            }).withNack(failure -> {
                sent.completeExceptionally(failure);
                return CompletableFuture.completedFuture(null);
            }));
        return sent;
    }
}
