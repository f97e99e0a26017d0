package org.pushplatform.contract;

import java.util.Map;
import java.util.Set;

/**
 * The client events of the pubsub seed and the event each is answered with, as the seed names them. The gateway
 * forwards only these; routing answers a bad one with its reply event.
 */
public final class PubsubEvents {

    public static final Map<String, String> REPLY_EVENT = Map.ofEntries(
        Map.entry("connect_v2", "connack"), Map.entry("subscribe", "suback"), Map.entry("unsubscribe", "unsuback"),
        Map.entry("publish", "puback"), Map.entry("publish2", "puback"), Map.entry("publish_to_alias", "puback"),
        Map.entry("publish2_to_alias", "puback"), Map.entry("set_alias", "set_alias_ack"), Map.entry("get_alias", "alias"),
        Map.entry("get_alias_list", "get_alias_list_ack"), Map.entry("get_topic_list", "get_topic_list_ack"),
        Map.entry("get_state", "get_state_ack"));

    public static final Set<String> CLIENT_EVENTS = REPLY_EVENT.keySet();

    private PubsubEvents() {
    }
}
