package org.pushplatform.routing.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.GatewayHeartbeat;
import org.pushplatform.routing.presence.GatewayLiveness;

/** Reads gateway heartbeats ({@code push.heartbeats}); every routing instance reads them all. */
@ApplicationScoped
public class HeartbeatConsumer {

    private final GatewayLiveness liveness;

    public HeartbeatConsumer(GatewayLiveness liveness) {
        this.liveness = liveness;
    }

    @Incoming("heartbeats")
    public void consume(String record) {
        try {
            Envelope envelope = EnvelopeCodec.decode(record);
            if (EnvelopeTypes.GATEWAY_HEARTBEAT.equals(envelope.type()) && envelope.nodeId() != null) {
                liveness.heard(envelope.nodeId(), EnvelopeCodec.payload(envelope, GatewayHeartbeat.class));
            }
        } catch (EnvelopeCodec.MalformedEnvelopeException e) {
            // a heartbeat we cannot read is one we did not hear; the node is expired if it stays unreadable
        }
    }
}
