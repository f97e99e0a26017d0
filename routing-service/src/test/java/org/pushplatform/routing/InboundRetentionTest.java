package org.pushplatform.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/** Client frames carry client credentials: the broker keeps them only as long as configured, not its default week. */
@QuarkusTest
@QuarkusTestResource(KafkaAndPostgresResource.class)
class InboundRetentionTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void clientFramesAreKeptOneHourByDefault() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            ConfigResource inbound = new ConfigResource(ConfigResource.Type.TOPIC, "push.in.routing");
            var config = admin.describeConfigs(List.of(inbound)).all().get(30, TimeUnit.SECONDS).get(inbound);

            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo(String.valueOf(TimeUnit.HOURS.toMillis(1)));
        }
    }
}
