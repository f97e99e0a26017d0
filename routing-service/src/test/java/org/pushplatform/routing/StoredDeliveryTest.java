package org.pushplatform.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pushplatform.routing.FakeGatewayNode.DEMO_APPKEY;
import static org.pushplatform.routing.FakeGatewayNode.find;
import static org.pushplatform.routing.FakeGatewayNode.json;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pushplatform.contract.EmitToConnections;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/** QoS 1 and 2: stored for sessions that have not received them, sent again on reconnect, recvack, presence. */
@QuarkusTest
@QuarkusTestResource(KafkaAndPostgresResource.class)
class StoredDeliveryTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    FakeGatewayNode gateway;
    String receiverId;
    String alias;

    @BeforeEach
    void start() {
        gateway = new FakeGatewayNode(bootstrap);
        receiverId = "receiver-" + UUID.randomUUID();
        alias = "a" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void close() {
        gateway.close();
    }

    @Test
    void anOfflineReceiverGetsItsQos1MessagesOnReconnectUntilItHasReceivedThem() throws Exception {
        // given a receiver with an alias that went offline, and a publisher
        String receiver = connect(receiverId);
        gateway.frame(receiver, "set_alias", json("alias", alias));
        find(gateway.awaitEmits(1), receiver, "set_alias_ack");
        gateway.close(receiver);
        String publisher = connect("publisher-" + UUID.randomUUID());

        // when it is sent one message with the default QoS and time to live, and one that lives one second
        gateway.frame(publisher, "publish_to_alias", json("alias", alias, "msg", "kept", "messageId", "1"));
        gateway.frame(publisher, "publish2_to_alias", withOpts(json("alias", alias, "msg", "short-lived"), "{\"time_to_live\":1,\"messageId\":\"2\"}"));
        List<EmitToConnections> acks = gateway.awaitEmits(2);
        assertThat(acks).extracting(EmitToConnections::event).containsOnly("puback");
        Thread.sleep(1500);

        // then on reconnect it gets the kept one only, marked for a receipt
        String again = connect(receiverId);
        EmitToConnections redelivered = gateway.awaitEvent(again, "message");
        assertThat(redelivered.args().get(0).toString()).isEqualTo("{\"topic\":\"" + alias + "\",\"msg\":\"kept\"}");
        assertThat(redelivered.receiptId()).isNotNull();
        assertThat(gateway.pollEmits(1000)).noneMatch(e -> e.event().equals("message"));

        // and once received, the publisher hears recvack and the next connection gets nothing again
        gateway.receipt(again, redelivered.receiptId());
        EmitToConnections recvack = gateway.awaitEvent(publisher, "recvack");
        JsonNode ack = recvack.args().get(0);
        assertThat(ack.get("success").asBoolean()).isTrue();
        assertThat(ack.get("messageId").asText()).isEqualTo("1");
        JsonNode data = EnvelopeCodec.mapper().readTree(ack.get("data").asText());
        assertThat(data.get("alias").asText()).isEqualTo(alias);
        assertThat(data.get("timestamp").asLong()).isPositive();
        gateway.close(again);
        String third = connect(receiverId);
        assertThat(gateway.pollEmits(1500)).noneMatch(e -> e.event().equals("message") && e.connectionIds().contains(third));
    }

    @Test
    void aQos2MessageIdIsDeliveredOnceEvenWhenPublishedTwice() {
        String receiver = connect(receiverId);
        gateway.frame(receiver, "set_alias", json("alias", alias));
        find(gateway.awaitEmits(1), receiver, "set_alias_ack");
        String publisher = connect("publisher-" + UUID.randomUUID());
        String messageId = String.valueOf(System.nanoTime());

        gateway.frame(publisher, "publish2_to_alias", withOpts(json("alias", alias, "msg", "once"), "{\"qos\":2,\"messageId\":\"" + messageId + "\"}"));
        List<EmitToConnections> first = gateway.awaitEmits(2);
        EmitToConnections message = find(first, receiver, "message");
        gateway.receipt(receiver, message.receiptId());
        find(gateway.awaitEmits(1), publisher, "recvack");

        gateway.frame(publisher, "publish2_to_alias", withOpts(json("alias", alias, "msg", "once"), "{\"qos\":2,\"messageId\":\"" + messageId + "\"}"));

        List<EmitToConnections> second = gateway.awaitEmits(1);
        assertThat(find(second, publisher, "puback").args().get(0).get("messageId").asText()).isEqualTo(messageId);
        assertThat(second).noneMatch(e -> e.event().equals("message"));
        assertThat(gateway.pollEmits(1000)).noneMatch(e -> e.event().equals("message"));
    }

    @Test
    void aQos2MessageIdIsOncePerPublisherNotPerApp() {
        // given a receiver and two publishers that number their messages alike
        String receiver = connect(receiverId);
        gateway.frame(receiver, "set_alias", json("alias", alias));
        gateway.awaitEvent(receiver, "set_alias_ack");
        String first = connect("publisher-" + UUID.randomUUID());
        String second = connect("publisher-" + UUID.randomUUID());

        // when both send message id 1 at QoS 2
        gateway.frame(first, "publish2_to_alias", withOpts(json("alias", alias, "msg", "from first"), "{\"qos\":2,\"messageId\":\"1\"}"));
        EmitToConnections fromFirst = gateway.awaitEvent(receiver, "message");
        assertThat(fromFirst.args().get(0).get("msg").asText()).isEqualTo("from first");
        gateway.receipt(receiver, fromFirst.receiptId());
        gateway.frame(second, "publish2_to_alias", withOpts(json("alias", alias, "msg", "from second"), "{\"qos\":2,\"messageId\":\"1\"}"));

        // then the receiver gets both
        assertThat(gateway.awaitEvent(receiver, "message").args().get(0).get("msg").asText()).isEqualTo("from second");
    }

    @Test
    void aReconnectGetsItsBacklogAPageAtATimeAndASecondConnectDoesNotRepeatIt() {
        // given 600 messages stored for an offline receiver
        String receiver = connect(receiverId);
        gateway.frame(receiver, "set_alias", json("alias", alias));
        gateway.awaitEvent(receiver, "set_alias_ack");
        gateway.close(receiver);
        String publisher = connect("publisher-" + UUID.randomUUID());
        for (int i = 0; i < 600; i++) {
            gateway.frame(publisher, "publish_to_alias", json("alias", alias, "msg", "m" + i, "messageId", String.valueOf(i)));
        }
        for (int i = 0; i < 600; i++) {
            gateway.awaitEvent(publisher, "puback");
        }

        // when it connects, and says connect_v2 a second time on the same connection
        String again = connect(receiverId);
        gateway.frame(again, "connect_v2", json("appkey", DEMO_APPKEY, "customid", receiverId));
        gateway.awaitEvent(again, "connack");

        // then it gets the oldest 500, once, in order
        List<EmitToConnections> page = gateway.pollEmits(3_000).stream()
            .filter(e -> e.event().equals("message") && e.connectionIds().contains(again)).toList();
        assertThat(page).hasSize(500);
        assertThat(page.get(0).args().get(0).get("msg").asText()).isEqualTo("m0");
        assertThat(page.get(499).args().get(0).get("msg").asText()).isEqualTo("m499");

        // and once it has received them, the rest on its next connection
        page.forEach(message -> gateway.receipt(again, message.receiptId()));
        gateway.close(again);
        String third = connect(receiverId);
        List<EmitToConnections> rest = gateway.pollEmits(3_000).stream()
            .filter(e -> e.event().equals("message") && e.connectionIds().contains(third)).toList();
        assertThat(rest).extracting(e -> e.args().get(0).get("msg").asText()).hasSize(100).startsWith("m500").endsWith("m599");
    }

    @Test
    void presenceSubscribersSeeJoinLeaveOnlineAndOffline() throws Exception {
        String topic = "room-" + UUID.randomUUID();
        String watcher = connect("watcher-" + UUID.randomUUID());
        gateway.frame(watcher, "subscribe", json("topic", topic + "/p"));
        find(gateway.awaitEmits(1), watcher, "suback");

        // one session's frames are in order, so no need to wait between them
        String member = gateway.open();
        gateway.frame(member, "connect_v2", json("appkey", DEMO_APPKEY, "customid", receiverId));
        gateway.frame(member, "set_alias", json("alias", alias));
        gateway.frame(member, "subscribe", json("topic", topic));
        gateway.close(member);
        gateway.frame(gateway.open(), "connect_v2", json("appkey", DEMO_APPKEY, "customid", receiverId));

        List<String> actions = new java.util.ArrayList<>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (actions.size() < 3 && System.currentTimeMillis() < deadline) {
            for (EmitToConnections emit : gateway.pollEmits(200)) {
                if (emit.event().equals("message") && emit.connectionIds().contains(watcher)) {
                    JsonNode message = emit.args().get(0);
                    assertThat(message.get("topic").asText()).isEqualTo(topic + "/p");
                    JsonNode presence = EnvelopeCodec.mapper().readTree(message.get("msg").asText());
                    assertThat(presence.get("alias").asText()).isEqualTo(alias);
                    actions.add(presence.get("action").asText());
                }
            }
        }
        assertThat(actions).containsExactly("join", "offline", "online");
    }

    private String connect(String customid) {
        String connection = gateway.open();
        gateway.frame(connection, "connect_v2", json("appkey", DEMO_APPKEY, "customid", customid));
        gateway.awaitEvent(connection, "connack");
        return connection;
    }

    private static ObjectNode withOpts(ObjectNode frame, String opts) {
        try {
            frame.set("opts", EnvelopeCodec.mapper().readTree(opts));
            return frame;
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
