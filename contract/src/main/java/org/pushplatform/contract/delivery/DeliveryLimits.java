package org.pushplatform.contract.delivery;

/**
 * The bounds of every field of the delivery commands, checked where a command enters (REST, {@code push.commands},
 * {@code push.route}), so that no field is refused later by a column and one caller's bad command fails alone.
 */
public final class DeliveryLimits {

    public static final int MAX_APP = 64;
    public static final int MAX_KIND = 32;
    /** Identity ids, topics, rooms, events, message ids and requesters. */
    public static final int MAX_NAME = 128;
    public static final int MAX_NODE_ID = 128;
    public static final int MAX_CONNECTION_ID = 64;
    public static final int MAX_REASON = 256;
    /** The longest client ack a command may wait for: ten minutes. */
    public static final long MAX_ACK_TIMEOUT_MS = 600_000;

    private DeliveryLimits() {
    }

    /** @return what is wrong with the command's fields, or null when each is within its bounds */
    public static String problemOf(DeliveryRecord record) {
        if (record instanceof Deliver deliver) {
            return first(problemOf("to", deliver.to()), length("event", deliver.event(), MAX_NAME),
                length("messageId", deliver.messageId(), MAX_NAME), length("requester", deliver.requester(), MAX_NAME),
                length("replyTo", deliver.replyTo(), MAX_NAME), length("except", deliver.except(), MAX_NAME), exceptProblem(deliver),
                ackProblem(deliver.ack()));
        }
        if (record instanceof ControlCommands.BindIdentity bind) {
            return first(required("connection", bind.connection()), required("identity", bind.identity()),
                problemOf("connection", bind.connection()), problemOf("identity", bind.identity()),
                sameApp(bind.connection(), bind.identity()), ticketProblem(bind.messageId(), bind.requester()));
        }
        if (record instanceof ControlCommands.JoinRoom join) {
            return first(required("connection", join.connection()), problemOf("connection", join.connection()), name("room", join.room()),
                ticketProblem(join.messageId(), join.requester()));
        }
        if (record instanceof ControlCommands.LeaveRoom leave) {
            return first(required("connection", leave.connection()), problemOf("connection", leave.connection()), name("room", leave.room()),
                ticketProblem(leave.messageId(), leave.requester()));
        }
        if (record instanceof ControlCommands.Subscribe subscribe) {
            return first(required("identity", subscribe.identity()), problemOf("identity", subscribe.identity()),
                name("topic", subscribe.topic()));
        }
        if (record instanceof ControlCommands.Unsubscribe unsubscribe) {
            return first(required("identity", unsubscribe.identity()), problemOf("identity", unsubscribe.identity()),
                name("topic", unsubscribe.topic()));
        }
        if (record instanceof ControlCommands.Disconnect disconnect) {
            return first(required("target", disconnect.target()), problemOf("target", disconnect.target()),
                length("reason", disconnect.reason(), MAX_REASON));
        }
        return null;
    }

    /** @return what is wrong with an address's fields, or null (a missing address is the command's to refuse) */
    public static String problemOf(String field, Address address) {
        if (address == null) {
            return null;
        }
        String app = length(field + ".app", address.app(), MAX_APP);
        if (address instanceof Address.Identity identity) {
            return first(app, length(field + ".kind", identity.kind(), MAX_KIND), name(field + ".id", identity.id()));
        }
        if (address instanceof Address.Topic topic) {
            return first(app, name(field + ".topic", topic.topic()));
        }
        if (address instanceof Address.Room room) {
            return first(app, name(field + ".room", room.room()));
        }
        Address.Connection connection = (Address.Connection) address;
        return first(app, name(field + ".nodeId", connection.nodeId(), MAX_NODE_ID),
            name(field + ".connectionId", connection.connectionId(), MAX_CONNECTION_ID));
    }

    private static String ticketProblem(String messageId, String requester) {
        return first(length("messageId", messageId, MAX_NAME), length("requester", requester, MAX_NAME));
    }

    /** A connection left out goes with a live delivery to an identity only: a stored one is for every connection. */
    private static String exceptProblem(Deliver deliver) {
        return deliver.except() != null && (deliver.qos() != 0 || !(deliver.to() instanceof Address.Identity))
            ? "except goes with qos 0 to an identity only" : null;
    }

    private static String ackProblem(Ack ack) {
        if (ack == null || ack.timeoutMs() == null) {
            return null;
        }
        return ack.timeoutMs() < 1 || ack.timeoutMs() > MAX_ACK_TIMEOUT_MS ? "ack.timeoutMs must be 1-" + MAX_ACK_TIMEOUT_MS : null;
    }

    private static String sameApp(Address.Connection connection, Address.Identity identity) {
        return connection == null || identity == null || String.valueOf(connection.app()).equals(identity.app()) ? null
            : "connection and identity must be of one app";
    }

    private static String required(String field, Object value) {
        return value == null ? field + " is required" : null;
    }

    private static String name(String field, String value) {
        return name(field, value, MAX_NAME);
    }

    private static String name(String field, String value, int most) {
        return value == null || value.isEmpty() ? field + " must be 1-" + most + " characters" : length(field, value, most);
    }

    /** An optional field: at most {@code most} characters when given. */
    private static String length(String field, String value, int most) {
        return value != null && value.length() > most ? field + " must be at most " + most + " characters" : null;
    }

    private static String first(String... problems) {
        for (String problem : problems) {
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }
}
