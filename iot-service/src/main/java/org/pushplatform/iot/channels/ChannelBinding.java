package org.pushplatform.iot.channels;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.iot.accounts.AccountStore;
import org.pushplatform.iot.messaging.IotEvents;
import org.pushplatform.iot.things.ThingStore;

/**
 * Binds an MQTT channel to the account of an iotToken, and unbinds it. A client binds and unbinds only its own client
 * id, on a topic whose product key is one of its app's products; the device name in the topic is the channel's own
 * and is where its down messages go.
 */
@ApplicationScoped
public class ChannelBinding {

    private static final int MAX_TOKEN = 128;

    private final ChannelStore channels;
    private final AccountStore accounts;
    private final ThingStore things;
    private final IotEvents events;
    private final MeterRegistry metrics;

    public ChannelBinding(ChannelStore channels, AccountStore accounts, ThingStore things, IotEvents events, MeterRegistry metrics) {
        this.channels = channels;
        this.accounts = accounts;
        this.things = things;
        this.events = events;
        this.metrics = metrics;
    }

    /** Event data of {@code channel.bound} and {@code channel.unbound}. */
    public record ChannelChange(String app, String clientId, String accountId, String productKey, String deviceName) {
    }

    /** The seed's bind request ({@code request.clientId}, {@code params.iotToken}), published by the channel's client. */
    public Uni<BindCode> bind(String app, ChannelStore.Channel channel, JsonNode request) {
        String asked = request.path("request").path("clientId").asText(null);
        String token = request.path("params").path("iotToken").asText(null);
        if (asked == null || token == null || token.isEmpty() || token.length() > MAX_TOKEN) {
            return counted("bind", BindCode.MALFORMED);
        }
        if (!asked.equals(channel.clientId())) {
            return counted("bind", BindCode.NOT_OWN_CLIENT_ID);
        }
        return things.product(app, channel.productKey()).flatMap(product -> product.isEmpty() ? counted("bind", BindCode.PRODUCT_UNKNOWN)
            : accounts.ownerOf(token).flatMap(owner -> {
                if (owner.isEmpty() || !owner.get().app().equals(app)) {
                    return counted("bind", BindCode.TOKEN_UNKNOWN);
                }
                if (!owner.get().expiresAt().isAfter(Instant.now())) {
                    return counted("bind", BindCode.TOKEN_EXPIRED);
                }
                String accountId = owner.get().accountId();
                return channels.bind(app, accountId, channel).invoke(() -> events.send("channel.bound", app + '/' + channel.clientId(),
                        new ChannelChange(app, channel.clientId(), accountId, channel.productKey(), channel.deviceName())))
                    .map(bound -> code("bind", BindCode.SUCCESS));
            }));
    }

    /** The seed's unbind request: the channel {@code request.clientId}, which must be the client's own, is unbound. */
    public Uni<BindCode> unbind(String app, ChannelStore.Channel channel, JsonNode request) {
        String asked = request.path("request").path("clientId").asText(null);
        if (asked == null) {
            return counted("unbind", BindCode.MALFORMED);
        }
        if (!asked.equals(channel.clientId())) {
            return counted("unbind", BindCode.NOT_OWN_CLIENT_ID);
        }
        return channels.unbind(app, channel.clientId()).invoke(was -> was.ifPresent(accountId -> events.send("channel.unbound",
                app + '/' + channel.clientId(), new ChannelChange(app, channel.clientId(), accountId, channel.productKey(),
                    channel.deviceName()))))
            .map(unbound -> code("unbind", BindCode.SUCCESS));
    }

    private Uni<BindCode> counted(String what, BindCode code) {
        return Uni.createFrom().item(code(what, code));
    }

    private BindCode code(String what, BindCode code) {
        metrics.counter("push_iot_channel_requests_total", "request", what, "code", String.valueOf(code.code())).increment();
        return code;
    }
}
