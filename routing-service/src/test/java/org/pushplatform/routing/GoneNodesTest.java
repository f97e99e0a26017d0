package org.pushplatform.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pushplatform.routing.presence.GoneNodes;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/** The delivery topic and consumer group of a gateway node gone for good are deleted after a grace period; a live node's stay. */
@QuarkusTest
@QuarkusTestResource(KafkaAndPostgresResource.class)
class GoneNodesTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    GoneNodes goneNodes;

    /** A node that ran once: its topic, and its group with an offset committed, and no member now. */
    private void nodeThatRanOnce(Admin admin, String node) throws Exception {
        admin.createTopics(List.of(new NewTopic("push.gw." + node, 1, (short) -1))).all().get(30, TimeUnit.SECONDS);
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG, "gateway-" + node), new StringDeserializer(), new StringDeserializer())) {
            consumer.commitSync(Map.of(new TopicPartition("push.gw." + node, 0), new OffsetAndMetadata(0)));
        }
    }

    private Set<String> groups(Admin admin) throws Exception {
        return admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream().map(ConsumerGroupListing::groupId)
            .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void aNodeSilentAndWithoutConsumerForTheGracePeriodLosesItsTopicAndGroup() throws Exception {
        String gone = "gone-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             var live = new FakeGatewayNode(bootstrap)) {
            nodeThatRanOnce(admin, gone);
            live.joinGroup();
            long now = System.currentTimeMillis();
            Duration grace = Duration.ofMinutes(10);

            // seen without a consumer now, and again before the grace period ended: kept
            goneNodes.sweep(now, grace);
            goneNodes.sweep(now + grace.toMillis() - 1000, grace);
            assertThat(admin.listTopics().names().get()).contains("push.gw." + gone);

            // after it: deleted, topic and group; the live node keeps both
            List<String> removed = goneNodes.sweep(now + grace.toMillis() + 1000, grace);

            assertThat(removed).contains(gone).doesNotContain(live.nodeId());
            assertThat(admin.listTopics().names().get()).doesNotContain("push.gw." + gone).contains("push.gw." + live.nodeId());
            assertThat(groups(admin)).doesNotContain("gateway-" + gone).contains("gateway-" + live.nodeId());
        }
    }
}
