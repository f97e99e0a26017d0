package org.pushplatform.gateway.mqtt;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pushplatform.contract.MqttApi;
import org.pushplatform.contract.TopicFilters;

/**
 * The connection's topic filters with what routing granted and MQTT 5's options, as the client asked for them: a
 * message goes to the client at most at the highest QoS of the filters matching its topic, not at all when it is the
 * client's own and every matching filter says no local, with its retain flag only where a matching filter keeps it
 * as published. Used on the connection's event loop only.
 */
final class GrantedFilters {

    /** How one message goes out: its QoS and retain flag, and the identifiers of the subscriptions it matched. */
    record Outgoing(int qos, boolean retain, List<Integer> subscriptionIds) {
    }

    private final Map<String, MqttApi.Subscription> granted = new LinkedHashMap<>();
    private final Map<String, MqttApi.Subscription> asked = new HashMap<>();

    /** The options a SUBSCRIBE asked for, kept until routing grants it. */
    void asked(MqttApi.Subscription subscription) {
        asked.put(subscription.filter(), subscription);
    }

    void grant(String filter, int qos) {
        MqttApi.Subscription options = asked.remove(filter);
        if (qos >= 0) {
            granted.put(filter, options == null ? new MqttApi.Subscription(filter, qos) : options.withQos(qos));
        }
    }

    void grantAll(List<MqttApi.Subscription> subscriptions) {
        subscriptions.forEach(s -> granted.put(s.filter(), s));
    }

    void remove(String filter) {
        granted.remove(filter);
    }

    /**
     * How a message goes out, or null when it does not (the client's own, and no local). When this connection knows
     * of no matching filter (one an earlier connection made that it was not told of), at the message's QoS.
     *
     * @param own the client published it itself
     */
    Outgoing outgoing(String topic, int messageQos, boolean retained, boolean own) {
        int highest = -1;
        boolean matched = false;
        boolean keepRetain = false;
        List<Integer> ids = new java.util.ArrayList<>(1);
        for (MqttApi.Subscription subscription : granted.values()) {
            if (!TopicFilters.matches(subscription.filter(), topic)) {
                continue;
            }
            matched = true;
            if (own && subscription.noLocal()) {
                continue;
            }
            highest = Math.max(highest, subscription.qos());
            keepRetain |= subscription.retainAsPublished();
            if (subscription.subscriptionId() != null) {
                ids.add(subscription.subscriptionId());
            }
        }
        if (matched && highest < 0) {
            return null;
        }
        return new Outgoing(Math.min(messageQos, highest < 0 ? MqttApi.MAX_QOS : highest), retained && keepRetain, ids);
    }
}
