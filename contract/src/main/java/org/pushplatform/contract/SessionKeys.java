package org.pushplatform.contract;

/**
 * The Kafka key of everything about one persistent session (a pubsub appkey + customid): its frames, its
 * connections' lifecycle and its delivery receipts. The partition of this key owns the session.
 */
public final class SessionKeys {

    private SessionKeys() {
    }

    public static String of(String app, String customId) {
        return app + '/' + customId;
    }
}
