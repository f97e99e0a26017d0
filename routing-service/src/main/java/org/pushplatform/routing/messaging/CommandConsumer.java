package org.pushplatform.routing.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.routing.app.AppService;
import org.pushplatform.routing.pubsub.InvalidFrameException;
import org.pushplatform.routing.pubsub.PublishRequest;
import org.pushplatform.routing.pubsub.PublishService;

/**
 * Reads {@code push.commands}: publish commands from other teams, trusted by Kafka's own access control.
 * {@code {"type": "publish", "appkey", "topic", "msg", "opts"}} or {@code {"type": "publish_to_alias", "appkey",
 * "alias", "msg", "opts"}}; options as in publish2. An optional {@code "id"} makes a command sent twice (QoS 1
 * or 2) stored once. What is accepted shows on {@code push.events.messages}.
 */
@ApplicationScoped
public class CommandConsumer {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);

    private final AppService apps;
    private final PublishService publishing;
    private final MeterRegistry metrics;

    public CommandConsumer(AppService apps, PublishService publishing, MeterRegistry metrics) {
        this.apps = apps;
        this.publishing = publishing;
        this.metrics = metrics;
    }

    @Incoming("commands")
    public Uni<Void> consume(String record) {
        JsonNode command;
        try {
            command = EnvelopeCodec.mapper().readTree(record);
        } catch (Exception e) {
            return rejected("not-json", "not JSON");
        }
        String type = command.path("type").asText();
        String appkey = command.path("appkey").asText();
        return apps.findByAppkey(appkey).flatMap(app -> {
            if (app == null) {
                return rejected("unknown-app", "unknown appkey " + appkey);
            }
            try {
                String sourceId = command.path("id").isTextual() ? "command:" + command.get("id").asText() : null;
                return switch (type) {
                    case "publish" -> publishing.toTopic(appkey, PublishRequest.toTopic(command, true), sourceId, null).replaceWithVoid();
                    case "publish_to_alias" -> publishing.toAlias(appkey, PublishRequest.toAlias(command, true), sourceId, null)
                        .replaceWithVoid();
                    default -> rejected("unknown-type", "unknown command type '" + type + "'");
                };
            } catch (InvalidFrameException e) {
                return rejected("invalid", e.getMessage());
            }
        });
    }

    private Uni<Void> rejected(String reason, String detail) {
        metrics.counter("push_commands_rejected_total", "reason", reason).increment();
        LOG.warnf("[routing] command on push.commands dropped: %s", detail);
        return Uni.createFrom().voidItem();
    }
}
