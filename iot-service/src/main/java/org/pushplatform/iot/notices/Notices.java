package org.pushplatform.iot.notices;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.iot.channels.ChannelStore;
import org.pushplatform.iot.config.IotConfig;
import org.pushplatform.iot.messaging.ChannelMessages;
import org.pushplatform.iot.messaging.IotEvents;
import org.pushplatform.iot.things.Names;
import org.pushplatform.iot.things.ThingRef;
import org.pushplatform.iot.things.ThingStore;

/**
 * A notice about a device, whatever its source (REST, other teams' Kafka topic, the device's own uplink): shaped as
 * the seed's message and sent to every channel bound to an account that owns the device, on that channel's own down
 * topic. A status notice also becomes the device's status. Each notice is also an event {@code notice.sent}.
 */
@ApplicationScoped
public class Notices {

    /** What became of a notice: whether the device exists, and how many channels it went to. */
    public record Sent(boolean deviceFound, int channels, String id) {
    }

    private final ChannelStore channels;
    private final ThingStore things;
    private final ChannelMessages messages;
    private final IotEvents events;
    private final IotConfig config;
    private final MeterRegistry metrics;

    public Notices(ChannelStore channels, ThingStore things, ChannelMessages messages, IotEvents events, IotConfig config,
                   MeterRegistry metrics) {
        this.channels = channels;
        this.things = things;
        this.messages = messages;
        this.events = events;
        this.config = config;
        this.metrics = metrics;
    }

    /** Event data of {@code notice.sent}. */
    public record NoticeSent(String app, String productKey, String deviceName, String kind, String id, int channels, JsonNode message) {
    }

    /**
     * @param id the source's message id, or null for a made-up one
     * @throws NoticeShapes.InvalidNotice (as the Uni's failure) when the source's parameters are wrong
     */
    public Uni<Sent> send(NoticeKind kind, ThingRef device, String id, JsonNode params) {
        if (id != null && id.length() > Names.MAX_ID) {
            return Uni.createFrom().failure(new NoticeShapes.InvalidNotice("id is longer than " + Names.MAX_ID + " characters"));
        }
        String messageId = id == null || id.isEmpty() ? UUID.randomUUID().toString() : id;
        long now = System.currentTimeMillis();
        return channels.recipientsOf(device).flatMap(found -> {
            if (found.isEmpty()) {
                metrics.counter("push_iot_notices_total", "kind", kind.type(), "result", "unknown-device").increment();
                return Uni.createFrom().item(new Sent(false, 0, messageId));
            }
            ObjectNode message = NoticeShapes.message(kind, messageId, device, found.get().iotId(), params, now);
            Uni<Void> status = kind != NoticeKind.STATUS ? Uni.createFrom().voidItem()
                : things.setStatus(device, NoticeShapes.statusValue(params), NoticeShapes.statusTime(params, now));
            var to = found.get().channels().stream().map(channel -> new ChannelMessages.Message(device.app(), channel.clientId(),
                channel.downTopic(kind.downTopic()), message, config.iot().noticeTtl())).toList();
            return status.call(() -> messages.send(to)).map(sent -> {
                metrics.counter("push_iot_notices_total", "kind", kind.type(), "result", "sent").increment();
                events.send("notice.sent", device.key(), new NoticeSent(device.app(), device.productKey(), device.deviceName(), kind.type(),
                    messageId, to.size(), message));
                return new Sent(true, to.size(), messageId);
            });
        });
    }
}
