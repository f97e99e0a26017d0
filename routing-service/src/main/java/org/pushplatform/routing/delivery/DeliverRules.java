package org.pushplatform.routing.delivery;

import java.util.Set;

import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.Deliver;
import org.pushplatform.contract.delivery.DeliveryLimits;

/** What a deliver command must satisfy before the core carries it out. */
public final class DeliverRules {

    /** The wire APIs of the platform. */
    public static final Set<String> APIS = Set.of("pubsub", "push", "device", "chat", "iot", "mqtt");
    /** The longest time to live: 15 days, as pubsub's seed allows. */
    public static final long MAX_TTL_SECONDS = 1_296_000;
    /** Time to live when a command names none. */
    public static final long DEFAULT_TTL_SECONDS = 3 * 24 * 3600;

    private DeliverRules() {
    }

    /**
     * QoS 2 is once per message id from one publisher (an identity, or an outside requester) to one address: the
     * scope of that "once", stored with the delivery.
     */
    public static String onceScopeOf(Deliver command, Target publisher) {
        String from = publisher != null ? "identity:" + publisher.identityRef()
            : "requester:" + (command.requester() == null ? "" : command.requester());
        String to;
        if (command.to() instanceof Address.Identity identity) {
            to = identity.kind() + ":" + identity.id();
        } else if (command.to() instanceof Address.Topic topic) {
            to = "topic:" + topic.topic();
        } else {
            to = String.valueOf(command.to());
        }
        // one message reaches each API's clients by a delivery of its own: each is once on its own
        return from + " > " + to + " @" + command.api();
    }

    /** @return why the command cannot be carried out, or null when it can */
    public static String problemOf(Deliver command) {
        if (command.to() == null || command.to().app() == null || command.to().app().isBlank()) {
            return "to: an address with its app is required";
        }
        String field = DeliveryLimits.problemOf(command);
        if (field != null) {
            return field;
        }
        if (!APIS.contains(command.api())) {
            return "api must be one of " + APIS;
        }
        if (command.replyTo() == null && (command.event() == null || command.event().isEmpty() || command.event().length() > 128)) {
            return "event must be 1-128 characters";
        }
        if (command.args() == null) {
            return "args must be a JSON array";
        }
        if (command.qos() < 0 || command.qos() > 2) {
            return "qos must be 0, 1 or 2";
        }
        if (command.qos() > 0 && command.to() instanceof Address.Room) {
            return "rooms live only as long as their connections: qos must be 0";
        }
        if (command.qos() == 1 && command.to() instanceof Address.Connection) {
            return "a connection lives only as long as it is open: qos must be 0, or 2 for at most once per message id";
        }
        if (command.replyTo() != null && !(command.to() instanceof Address.Connection)) {
            return "replyTo answers a client frame's ack callback: the address must be its connection";
        }
        if (command.qos() == 2 && (command.messageId() == null || command.messageId().isEmpty())) {
            return "qos 2 needs a messageId";
        }
        if (command.ttlSeconds() != null && (command.ttlSeconds() < 0 || command.ttlSeconds() > MAX_TTL_SECONDS)) {
            return "ttlSeconds must be 0-" + MAX_TTL_SECONDS;
        }
        return null;
    }

    public static long ttlOf(Deliver command) {
        return command.ttlSeconds() == null ? DEFAULT_TTL_SECONDS : command.ttlSeconds();
    }
}
