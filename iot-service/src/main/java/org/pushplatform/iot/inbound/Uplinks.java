package org.pushplatform.iot.inbound;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.IotApi;
import org.pushplatform.iot.channels.BindCode;
import org.pushplatform.iot.channels.ChannelBinding;
import org.pushplatform.iot.channels.ChannelStore;

/**
 * One MQTT uplink, by its topic: a channel's bind or unbind ({@code /sys/{pk}/{dn}/app/up/account/bind|unbind}),
 * answered on {@code .../app/down/account/bind_reply|unbind_reply}; or a device's report ({@link DeviceUplinks}).
 * Anything else under {@code /sys/} is counted and dropped.
 */
@ApplicationScoped
public class Uplinks {

    private static final Logger LOG = Logger.getLogger(Uplinks.class);
    static final String BIND = "app/up/account/bind";
    static final String UNBIND = "app/up/account/unbind";

    private final ChannelBinding binding;
    private final DeviceUplinks devices;
    private final UplinkReplies replies;
    private final MeterRegistry metrics;

    public Uplinks(ChannelBinding binding, DeviceUplinks devices, UplinkReplies replies, MeterRegistry metrics) {
        this.binding = binding;
        this.devices = devices;
        this.replies = replies;
        this.metrics = metrics;
    }

    public Uni<Void> handle(String app, IotApi.Uplink uplink) {
        var parsed = SysTopic.parse(uplink.topic());
        if (app == null || uplink.clientId() == null || parsed.isEmpty()) {
            return dropped("invalid-topic", uplink);
        }
        SysTopic topic = parsed.get();
        JsonNode request = jsonOf(uplink.payload());
        String rest = topic.rest();
        if (rest.equals(BIND) || rest.equals(UNBIND)) {
            boolean bind = rest.equals(BIND);
            var channel = new ChannelStore.Channel(uplink.clientId(), topic.productKey(), topic.deviceName());
            Uni<BindCode> done = request == null ? Uni.createFrom().item(BindCode.MALFORMED)
                : bind ? binding.bind(app, channel, request) : binding.unbind(app, channel, request);
            return done.flatMap(code -> replies.reply(app, uplink.clientId(),
                topic.reply(bind ? "app/down/account/bind_reply" : "app/down/account/unbind_reply"),
                UplinkReplies.idOf(request), code.code(), code.message()));
        }
        if (DeviceUplinks.isDeviceUplink(rest)) {
            return devices.handle(app, uplink.clientId(), topic, request);
        }
        return dropped("unknown-topic", uplink);
    }

    /** The payload as a JSON object, or null when it is not one. */
    private static JsonNode jsonOf(String base64) {
        try {
            JsonNode json = EnvelopeCodec.mapper().readTree(new String(Base64.getDecoder().decode(base64 == null ? "" : base64),
                StandardCharsets.UTF_8));
            return json != null && json.isObject() ? json : null;
        } catch (Exception e) {
            return null;
        }
    }

    private Uni<Void> dropped(String reason, IotApi.Uplink uplink) {
        metrics.counter("push_iot_uplinks_dropped_total", "reason", reason).increment();
        LOG.debugf("[iot] dropped an uplink on %s (%s)", uplink.topic(), reason);
        return Uni.createFrom().voidItem();
    }
}
