package org.pushplatform.routing.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.pushplatform.routing.config.RoutingConfig;

class RoutingTopicsTest {

    @Test
    void topicsAreCreatedWithTheCopiesAndTheInSyncCopiesProductionAsksFor() {
        // given the production settings: 3 copies, a write counts once 2 have it
        RoutingConfig production = (RoutingConfig) Proxy.newProxyInstance(RoutingConfig.class.getClassLoader(),
            new Class<?>[] {RoutingConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                case "topicReplicationFactor" -> (short) 3;
                case "topicMinInsyncReplicas" -> 2;
                default -> null;
            });

        // when
        NewTopic topic = RoutingTopics.newTopic("push.in.routing", 12, production);

        // then
        assertThat(topic.numPartitions()).isEqualTo(12);
        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs()).containsEntry("min.insync.replicas", "2");
    }
}
