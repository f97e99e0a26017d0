package org.pushplatform.gateway.mqtt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pushplatform.contract.MqttApi;
import org.pushplatform.contract.TopicFilters;

/**
 * The connection's topic filters and the QoS granted for each, as routing answered them: a message goes to the
 * client at most at the highest QoS of the filters matching its topic. Used on the connection's event loop only.
 */
final class GrantedFilters {

    private final Map<String, Integer> granted = new LinkedHashMap<>();

    void grant(String filter, int qos) {
        if (qos >= 0) {
            granted.put(filter, qos);
        }
    }

    void grantAll(List<MqttApi.Subscription> subscriptions) {
        subscriptions.forEach(s -> grant(s.filter(), s.qos()));
    }

    void remove(String filter) {
        granted.remove(filter);
    }

    /**
     * The QoS a message of this QoS goes out at: capped by the matching filters' highest grant; when this connection
     * knows of no matching filter (one made by an earlier connection it was not told of), by what the platform grants.
     */
    int qosFor(String topic, int messageQos) {
        int highest = -1;
        for (Map.Entry<String, Integer> entry : granted.entrySet()) {
            if (entry.getValue() > highest && TopicFilters.matches(entry.getKey(), topic)) {
                highest = entry.getValue();
            }
        }
        return Math.min(messageQos, highest < 0 ? MqttApi.MAX_QOS : highest);
    }
}
