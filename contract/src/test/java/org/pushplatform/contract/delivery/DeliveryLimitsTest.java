package org.pushplatform.contract.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class DeliveryLimitsTest {

    private static final Address.Identity ACCOUNT = new Address.Identity("app", IdentityKinds.CHAT_ACCOUNT, "alice");

    private static Deliver deliver(Address to, int qos, String except) {
        return new Deliver(to, "chat", "new message", List.of(), qos, null, null, null, null, null, except);
    }

    @Test
    void aConnectionIsLeftOutOfALiveDeliveryToAnIdentityOnly() {
        assertThat(DeliveryLimits.problemOf(deliver(ACCOUNT, 0, "c-1"))).isNull();
        assertThat(DeliveryLimits.problemOf(deliver(ACCOUNT, 1, "c-1"))).isEqualTo("except goes with qos 0 to an identity only");
        assertThat(DeliveryLimits.problemOf(deliver(new Address.Topic("app", "news"), 0, "c-1")))
            .isEqualTo("except goes with qos 0 to an identity only");
        assertThat(DeliveryLimits.problemOf(deliver(ACCOUNT, 0, "c".repeat(129)))).contains("except");
    }
}
