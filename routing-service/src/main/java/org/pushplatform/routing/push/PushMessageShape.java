package org.pushplatform.routing.push;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.delivery.Ack;
import org.pushplatform.contract.delivery.Deliver;
import org.pushplatform.routing.messages.AppMessage;
import org.pushplatform.routing.messages.MessageShape;

/**
 * How push-server clients receive any app message: {@code {t:5, mid, topic|alias, msg}}, the message id as
 * {@code mid}, kept until the client acks it (at QoS 0, only to who is connected, unacked).
 */
@ApplicationScoped
public class PushMessageShape implements MessageShape {

    /** How long a push waits for its client's {@code t:-5} before it counts as not delivered (it stays stored). */
    static final long ACK_TIMEOUT_MS = 30_000;

    @Override
    public String api() {
        return PushPublishing.API;
    }

    @Override
    public Deliver deliveryOf(AppMessage m) {
        var frame = PushReplies.push(m.messageId(), m.toAlias() ? "alias" : "topic", m.target(), m.msg());
        return new Deliver(m.to(), PushPublishing.API, PushPublishing.PUSH_EVENT, List.of(frame), m.qos(), m.ttlSeconds(),
            m.qos() == 0 ? Ack.NONE : Ack.client(ACK_TIMEOUT_MS), m.messageId(), null);
    }
}
