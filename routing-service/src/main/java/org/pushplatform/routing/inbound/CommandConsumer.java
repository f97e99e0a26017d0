package org.pushplatform.routing.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.delivery.Deliver;
import org.pushplatform.contract.delivery.DeliveryLimits;
import org.pushplatform.contract.delivery.DeliveryOutcome;
import org.pushplatform.contract.delivery.DeliveryRecord;
import org.pushplatform.contract.delivery.DeliveryRecords;
import org.pushplatform.routing.messaging.MessageIds;
import org.pushplatform.routing.messaging.RouteCommandPublisher;
import org.pushplatform.routing.app.AppService;
import org.pushplatform.routing.pubsub.InvalidFrameException;
import org.pushplatform.routing.pubsub.PublishRequest;
import org.pushplatform.routing.pubsub.PublishService;
import org.pushplatform.routing.quota.QuotaExceededException;

/**
 * Reads {@code push.commands}: commands from other teams, trusted by Kafka's own access control. Either a delivery
 * command of the core in its envelope ({@code {"v": 1, "type": "deliver", "payload": {...}}}, and the control
 * commands), passed on to {@code push.route} keyed by its address once its app is known; or a pubsub publish,
 * {@code {"type": "publish", "appkey", "topic", "msg", "opts"}} or {@code {"type": "publish_to_alias", "appkey",
 * "alias", "msg", "opts"}}, options as in publish2, where an optional {@code "id"} makes a command sent twice (QoS 1
 * or 2) stored once, and what is accepted shows on {@code push.events.messages}.
 */
@ApplicationScoped
public class CommandConsumer {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);

    private final AppService apps;
    private final PublishService publishing;
    private final RouteCommandPublisher routeCommands;
    private final MeterRegistry metrics;
    private final OwnContext units;

    public CommandConsumer(AppService apps, PublishService publishing, RouteCommandPublisher routeCommands, MeterRegistry metrics,
                           OwnContext units) {
        this.units = units;
        this.routeCommands = routeCommands;
        this.apps = apps;
        this.publishing = publishing;
        this.metrics = metrics;
    }

    /** One command, tried again in place while PostgreSQL is away, so that none is dropped or overtaken. */
    @Incoming("commands")
    public Uni<Void> consume(String record) {
        return units.run("[commands] record", () -> handle(record), failure -> {
            metrics.counter("push_commands_rejected_total", "reason", "failed").increment();
            LOG.errorf(failure, "[routing] command on push.commands failed");
        });
    }

    private Uni<Void> handle(String record) {
        JsonNode command;
        try {
            command = EnvelopeCodec.mapper().readTree(record);
        } catch (Exception e) {
            return rejected("not-json", "not JSON");
        }
        String type = command.path("type").asText();
        if (command.has("v") && DeliveryRecords.isDeliveryRecord(type)) {
            return deliveryCommand(record);
        }
        String appkey = command.path("appkey").asText();
        return apps.findByAppkey(appkey).flatMap(app -> {
            if (app == null) {
                return rejected("unknown-app", "unknown appkey " + appkey);
            }
            try {
                if (command.path("id").asText("").length() > DeliveryLimits.MAX_NAME) {
                    return rejected("invalid", "id must be at most " + DeliveryLimits.MAX_NAME + " characters");
                }
                // a command id is the app's own: two apps may number their commands alike
                String sourceId = command.path("id").isTextual() ? "command:" + appkey + "/" + command.get("id").asText() : null;
                Uni<Integer> published = switch (type) {
                    case "publish" -> publishing.toTopic(appkey, PublishRequest.toTopic(command, true), sourceId, null);
                    case "publish_to_alias" -> publishing.toAlias(appkey, PublishRequest.toAlias(command, true), sourceId, null);
                    default -> null;
                };
                return published == null ? rejected("unknown-type", "unknown command type '" + type + "'")
                    : published.replaceWithVoid().onFailure(QuotaExceededException.class)
                        .recoverWithUni(overQuota -> rejected("quota", overQuota.getMessage()));
            } catch (InvalidFrameException e) {
                return rejected("invalid", e.getMessage());
            }
        });
    }

    private Uni<Void> deliveryCommand(String record) {
        DeliveryRecord command;
        Envelope envelope;
        try {
            envelope = EnvelopeCodec.decode(record);
            command = DeliveryRecords.payloadOf(envelope);
        } catch (EnvelopeCodec.MalformedEnvelopeException e) {
            return rejected("invalid", e.getMessage());
        }
        if (command.app() == null || command instanceof DeliveryOutcome) {
            return rejected("invalid", "a " + envelope.type() + " command without an app");
        }
        if (envelope.messageId() != null && envelope.messageId().length() > DeliveryLimits.MAX_NAME) {
            return rejected("invalid", "messageId of the envelope must be at most " + DeliveryLimits.MAX_NAME + " characters");
        }
        // a deliver command's requester hears INVALID from the hub; a control command has nobody to tell
        String problem = command instanceof Deliver ? null : DeliveryLimits.problemOf(command);
        if (problem != null) {
            return rejected("invalid", problem);
        }
        String messageId = envelope.messageId() == null ? MessageIds.next() : envelope.messageId();
        return apps.findByAppkey(command.app()).flatMap(app -> app == null
            ? rejected("unknown-app", "unknown app " + command.app())
            : routeCommands.send(command, messageId));
    }

    private Uni<Void> rejected(String reason, String detail) {
        metrics.counter("push_commands_rejected_total", "reason", reason).increment();
        LOG.warnf("[routing] command on push.commands dropped: %s", detail);
        return Uni.createFrom().voidItem();
    }
}
