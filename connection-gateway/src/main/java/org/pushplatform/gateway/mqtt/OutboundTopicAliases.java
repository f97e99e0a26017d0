package org.pushplatform.gateway.mqtt;

import java.util.HashMap;
import java.util.Map;

/**
 * Topic aliases this connection uses towards an MQTT 5 client, up to the client's topic alias maximum: the first
 * PUBLISH of a topic sets an alias with the topic, later ones send the alias alone. Aliases are never reassigned, so
 * the first topics seen keep them. Used on the connection's event loop only.
 */
final class OutboundTopicAliases {

    private final int most;
    private final Map<String, Integer> aliases = new HashMap<>();

    OutboundTopicAliases(int most) {
        this.most = most;
    }

    /** 0: no alias (send the topic); a positive alias: set now (send topic and alias); a negative one: send the alias alone. */
    int aliasOf(String topic) {
        Integer known = aliases.get(topic);
        if (known != null) {
            return -known;
        }
        if (aliases.size() >= most) {
            return 0;
        }
        int alias = aliases.size() + 1;
        aliases.put(topic, alias);
        return alias;
    }
}
