package org.pushplatform.routing.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.MqttApi;
import org.pushplatform.contract.delivery.Ack;
import org.pushplatform.contract.delivery.Deliver;
import org.pushplatform.routing.messages.AppMessage;
import org.pushplatform.routing.messages.MessageShape;

/**
 * How MQTT clients receive any app message: PUBLISH on its topic. The payload is what an MQTT publisher sent, byte
 * for byte; from another API's client, a text {@code msg} as its UTF-8 bytes and any other JSON as its JSON text. At
 * QoS 1 and 2 it is delivered when the client's PUBACK comes. Its retain flag goes as published: the gateway clears it
 * unless the subscription asked for it as published (MQTT 5).
 */
@ApplicationScoped
public class MqttMessageShape implements MessageShape {

    @Override
    public String api() {
        return MqttApi.API;
    }

    @Override
    public Deliver deliveryOf(AppMessage m) {
        var message = m.mqtt() != null ? m.mqtt().withDelivery(m.target(), m.qos(), m.mqtt().retain()) : new MqttApi.Message(null, m.target(),
            Base64.getEncoder().encodeToString((m.msg() == null ? "" : m.msg().isTextual() ? m.msg().asText() : m.msg().toString())
                .getBytes(StandardCharsets.UTF_8)), m.qos(), false);
        return new Deliver(m.to(), MqttApi.API, MqttApi.PUBLISH, List.of(EnvelopeCodec.toJson(message)), m.qos(), m.ttlSeconds(),
            m.qos() == 0 ? Ack.NONE : Ack.client(Ack.DEFAULT_CLIENT_TIMEOUT_MS), m.messageId(), null);
    }
}
