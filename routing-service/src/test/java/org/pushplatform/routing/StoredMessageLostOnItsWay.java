package org.pushplatform.routing;

import static org.pushplatform.routing.FakeGatewayNode.DEMO_APPKEY;
import static org.pushplatform.routing.FakeGatewayNode.json;

import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.pushplatform.contract.EmitToConnections;

/** What the resend tests start from: a connected receiver whose gateway lost a stored message (no receipt came back). */
abstract class StoredMessageLostOnItsWay {

    /** The receiver and publisher connections, and the delivery whose receipt never came. */
    record Lost(String receiver, String publisher, EmitToConnections delivery) {
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    FakeGatewayNode gateway;

    @BeforeEach
    void start() {
        gateway = new FakeGatewayNode(bootstrap);
    }

    @AfterEach
    void close() {
        gateway.close();
    }

    Lost aStoredMessageLostOnItsWay(String msg) {
        String alias = "a" + UUID.randomUUID().toString().substring(0, 8);
        String receiver = connect("receiver-" + UUID.randomUUID());
        gateway.frame(receiver, "set_alias", json("alias", alias));
        gateway.awaitEvent(receiver, "set_alias_ack");
        String publisher = connect("publisher-" + UUID.randomUUID());
        gateway.frame(publisher, "publish_to_alias", json("alias", alias, "msg", msg, "messageId", "1"));
        return new Lost(receiver, publisher, gateway.awaitEvent(receiver, "message"));
    }

    private String connect(String customid) {
        String connection = gateway.open();
        gateway.frame(connection, "connect_v2", json("appkey", DEMO_APPKEY, "customid", customid));
        gateway.awaitEvent(connection, "connack");
        return connection;
    }
}
