package org.pushplatform.routing.inbound;

import java.util.UUID;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.GatewayHeartbeat;
import org.pushplatform.contract.NodeExpired;
import org.pushplatform.routing.messaging.GatewayPublisher;
import org.pushplatform.routing.presence.EarlierRuns;
import org.pushplatform.routing.presence.GatewayLiveness;
import org.pushplatform.routing.presence.GatewayLoad;

/**
 * Reads gateway heartbeats ({@code push.heartbeats}); every routing instance reads them all. Also writes this
 * instance's own probe there and notes when it comes back, so that a Kafka outage is not taken for dead gateways.
 */
@ApplicationScoped
public class HeartbeatConsumer {

    private final GatewayLiveness liveness;
    private final Emitter<String> probes;
    private final String instanceId = "routing-" + UUID.randomUUID();

    private final EarlierRuns earlierRuns;
    private final GatewayLoad load;
    private final GatewayPublisher gateways;
    private static final Logger LOG = Logger.getLogger(HeartbeatConsumer.class);

    public HeartbeatConsumer(GatewayLiveness liveness, EarlierRuns earlierRuns, GatewayLoad load, GatewayPublisher gateways,
                             @Channel("probes-out") Emitter<String> probes) {
        this.gateways = gateways;
        this.load = load;
        this.liveness = liveness;
        this.earlierRuns = earlierRuns;
        this.probes = probes;
    }

    // delayed: the first probe waits for the channels to be connected
    @Scheduled(every = "${push.liveness-check}", delayed = "${push.liveness-check}",
        concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probe() {
        Envelope probe = Envelope.toGateway(EnvelopeTypes.ROUTING_PROBE, instanceId, instanceId, null);
        probes.send(EnvelopeCodec.encode(probe)).exceptionally(failure -> null);
    }

    @Incoming("heartbeats")
    public void consume(String record) {
        try {
            Envelope envelope = EnvelopeCodec.decode(record);
            if (EnvelopeTypes.ROUTING_PROBE.equals(envelope.type()) && instanceId.equals(envelope.nodeId())) {
                liveness.ownProbeHeard(System.currentTimeMillis());
            } else if (EnvelopeTypes.GATEWAY_HEARTBEAT.equals(envelope.type()) && envelope.nodeId() != null) {
                GatewayHeartbeat heartbeat = EnvelopeCodec.payload(envelope, GatewayHeartbeat.class);
                load.heard(envelope.nodeId(), heartbeat);
                if (liveness.heard(envelope.nodeId(), heartbeat)) {
                    earlierRuns.forget(envelope.nodeId(), heartbeat.bootId());
                }
                if (liveness.revived(envelope.nodeId(), heartbeat.bootId())) {
                    LOG.warnf("[%s] gateway heard again after it was taken for dead: it closes the connections it had", envelope.nodeId());
                    gateways.nodeExpired(envelope.nodeId(), new NodeExpired(heartbeat.bootId(), envelope.timestamp()));
                }
            }
        } catch (EnvelopeCodec.MalformedEnvelopeException e) {
            // a heartbeat we cannot read is one we did not hear; the node is expired if it stays unreadable
        }
    }
}
