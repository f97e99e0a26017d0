package org.pushplatform.contract;

/**
 * The Kafka key of everything about one persistent session (a pubsub appkey + customid): its frames, its
 * connections' lifecycle and its delivery receipts. The partition of this key owns the session.
 */
public final class SessionKeys {

    /**
     * Field a gateway adds to a {@code connect_v2} frame beside the customid it made up for a client that named
     * none: nobody can come back to such a session, so it expires soon after its connection closes.
     */
    public static final String GENERATED_CUSTOMID = "customidGenerated";

    private SessionKeys() {
    }

    public static String of(String app, String customId) {
        return app + '/' + customId;
    }
}
