package org.pushplatform.routing.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.Deliver;

class DeliverRulesTest {

    private static final Address.Connection CONNECTION = new Address.Connection("app1", "node-a", "c1");

    @Test
    void toAConnectionQos2MeansAtMostOncePerMessageIdAndNeedsOne() {
        assertThat(DeliverRules.problemOf(deliver(CONNECTION, 2, "m1"))).isNull();
        assertThat(DeliverRules.problemOf(deliver(CONNECTION, 2, null))).isEqualTo("qos 2 needs a messageId");
    }

    @Test
    void nothingToAConnectionOrRoomIsStored() {
        assertThat(DeliverRules.problemOf(deliver(CONNECTION, 1, "m1"))).contains("qos must be 0, or 2");
        assertThat(DeliverRules.problemOf(deliver(new Address.Room("app1", "r1"), 2, "m1"))).contains("qos must be 0");
    }

    private static Deliver deliver(Address to, int qos, String messageId) {
        return new Deliver(to, "chat", "new message", List.of(), qos, null, null, messageId, null);
    }
}
