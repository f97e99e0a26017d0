package org.pushplatform.routing.pubsub;

import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.delivery.Ack;
import org.pushplatform.contract.delivery.Deliver;
import org.pushplatform.routing.messages.AppMessage;
import org.pushplatform.routing.messages.MessageShape;

/** How pubsub clients receive any app message: {@code message {topic, msg}}, the topic being the alias for an alias. */
@ApplicationScoped
public class PubsubMessageShape implements MessageShape {

    @Override
    public String api() {
        return PublishService.API;
    }

    @Override
    public Deliver deliveryOf(AppMessage m) {
        return new Deliver(m.to(), PublishService.API, "message", PubsubReplies.message(m.target(), m.msg()), m.qos(), m.ttlSeconds(),
            m.qos() == 0 ? Ack.NONE : Ack.RECEIPT, m.messageId(), null);
    }
}
