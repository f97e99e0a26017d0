package org.pushplatform.gateway.socketio;

import java.util.Set;

/** The client events of the pubsub seed; anything else is counted and dropped at the gateway. */
final class PubsubEvents {

    static final Set<String> CLIENT_EVENTS = Set.of("connect_v2", "subscribe", "unsubscribe", "publish", "publish2",
        "publish_to_alias", "publish2_to_alias", "set_alias", "get_alias", "get_alias_list", "get_topic_list", "get_state");

    private PubsubEvents() {
    }
}
