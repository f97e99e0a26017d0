package org.pushplatform.iot.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.IotApi;
import org.pushplatform.iot.notices.NoticeKind;
import org.pushplatform.iot.notices.NoticeShapes;
import org.pushplatform.iot.notices.Notices;
import org.pushplatform.iot.things.Names;
import org.pushplatform.iot.things.ThingRef;

/**
 * What devices report over MQTT themselves: {@code /sys/{pk}/{dn}/thing/event/property/post} (properties) and
 * {@code /sys/{pk}/{dn}/thing/event/{identifier}/post} (an event), {@code {id, version, params, method}} as device
 * SDKs send them, each becoming the notice its owners' channels get, and answered on the {@code _reply} topic. A
 * device publishes with the client id {@code {deviceName}&{productKey}}: another client's uplink for it is refused;
 * that client's coming and going is the device's status.
 */
@ApplicationScoped
public class DeviceUplinks {

    public static final String PROPERTY_POST = "thing/event/property/post";
    private static final String EVENT_PREFIX = "thing/event/";
    private static final String POST = "/post";

    private final Notices notices;
    private final UplinkReplies replies;

    public DeviceUplinks(Notices notices, UplinkReplies replies) {
        this.notices = notices;
        this.replies = replies;
    }

    /** Whether the topic's rest is a device uplink this service takes. */
    public static boolean isDeviceUplink(String rest) {
        return rest.equals(PROPERTY_POST) || eventIdentifier(rest) != null;
    }

    /** @param request the payload, or null when it is not a JSON object */
    public Uni<Void> handle(String app, String clientId, SysTopic topic, JsonNode request) {
        ThingRef device = new ThingRef(app, topic.productKey(), topic.deviceName());
        String id = UplinkReplies.idOf(request);
        String identifier = eventIdentifier(topic.rest());
        String method = identifier == null ? "thing.event.property.post" : "thing.event." + identifier + ".post";
        String replyTopic = topic.reply(topic.rest() + "_reply");
        if (!clientId.equals(device.clientId())) {
            return replies.deviceReply(app, clientId, replyTopic, id, 403, "the client id is not " + device.clientId(), method);
        }
        if (request == null || !request.path("params").isObject()) {
            return replies.deviceReply(app, clientId, replyTopic, id, 400, "params must be an object", method);
        }
        JsonNode params = request.get("params");
        ObjectNode notice = JsonNodeFactory.instance.objectNode();
        NoticeKind kind;
        if (identifier == null) {
            kind = NoticeKind.PROPERTIES;
            notice.set("items", params);
        } else {
            kind = NoticeKind.EVENTS;
            notice.put("identifier", identifier);
            notice.set("value", params.has("value") ? params.get("value") : params);
            if (params.has("time")) {
                notice.set("time", params.get("time"));
            }
        }
        return notices.send(kind, device, id.isEmpty() ? null : id, notice)
            .flatMap(sent -> sent.deviceFound() ? replies.deviceReply(app, clientId, replyTopic, id, 200, "success", method)
                : replies.deviceReply(app, clientId, replyTopic, id, 404, "device not found", method))
            .onFailure(NoticeShapes.InvalidNotice.class)
            .recoverWithUni(e -> replies.deviceReply(app, clientId, replyTopic, id, 400, e.getMessage(), method));
    }

    /**
     * The device's MQTT client came online or went offline: its status "1" or "3" from that moment, told to its owners'
     * channels; nothing for a client id that is not a device of the app.
     */
    public Uni<Void> presence(String app, IotApi.Presence presence, long at) {
        String clientId = presence.clientId();
        int amp = clientId == null ? -1 : clientId.indexOf('&');
        if (app == null || amp < 0 || !Names.isDeviceName(clientId.substring(0, amp)) || !Names.isProductKey(clientId.substring(amp + 1))) {
            return Uni.createFrom().voidItem();
        }
        ThingRef device = new ThingRef(app, clientId.substring(amp + 1), clientId.substring(0, amp));
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.set("status", JsonNodeFactory.instance.objectNode().put("time", at).put("value", presence.online() ? "1" : "3"));
        return notices.send(NoticeKind.STATUS, device, null, status).replaceWithVoid();
    }

    /** {@code thing/event/{identifier}/post} gives the identifier; null for any other topic. */
    private static String eventIdentifier(String rest) {
        if (!rest.startsWith(EVENT_PREFIX) || !rest.endsWith(POST) || rest.equals(PROPERTY_POST)) {
            return null;
        }
        String identifier = rest.substring(EVENT_PREFIX.length(), rest.length() - POST.length());
        return identifier.isEmpty() || identifier.contains("/") || identifier.length() > 128 ? null : identifier;
    }
}
