package org.pushplatform.contract.delivery;

/** The kinds of {@link Address.Identity} the APIs use. */
public final class IdentityKinds {

    /** A pubsub session; its id is the customid. */
    public static final String SESSION = "session";
    /** Every identity with this alias: the one alias space pubsub and push-server share within an app. */
    public static final String ALIAS = "alias";
    /** A push-server client (TCP, Socket.IO on 9906); its id is its alias, which is also its alias. */
    public static final String PUSH_CLIENT = "push-client";
    /** A class-board device; its id is the serial number. */
    public static final String DEVICE = "device";
    /** A chat account. */
    public static final String CHAT_ACCOUNT = "chat-account";
    /** An MQTT client of an app; its id is the MQTT client id. */
    public static final String MQTT_CLIENT = "mqtt-client";
    /** An iot account. */
    public static final String IOT_ACCOUNT = "iot-account";

    private IdentityKinds() {
    }

    /**
     * The kind of identity whose connections speak an API: a delivery of that API to an alias or a topic is for
     * those identities only (the others get the same message in their own API's shape, by a delivery of their own).
     * Null for an API this platform does not know.
     */
    public static String ofApi(String api) {
        return switch (api == null ? "" : api) {
            case "pubsub" -> SESSION;
            case "push" -> PUSH_CLIENT;
            case "device" -> DEVICE;
            case "chat" -> CHAT_ACCOUNT;
            case "iot" -> IOT_ACCOUNT;
            case "mqtt" -> MQTT_CLIENT;
            default -> null;
        };
    }
}
