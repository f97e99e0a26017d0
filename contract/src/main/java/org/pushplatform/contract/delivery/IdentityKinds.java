package org.pushplatform.contract.delivery;

/** The kinds of {@link Address.Identity} the APIs use. */
public final class IdentityKinds {

    /** A pubsub session; its id is the customid. */
    public static final String SESSION = "session";
    /** Every identity with this alias: the one alias space pubsub and push-server share within an app. */
    public static final String ALIAS = "alias";
    /** A class-board device; its id is the serial number. */
    public static final String DEVICE = "device";
    /** A chat account. */
    public static final String CHAT_ACCOUNT = "chat-account";
    /** An iot account. */
    public static final String IOT_ACCOUNT = "iot-account";

    private IdentityKinds() {
    }
}
