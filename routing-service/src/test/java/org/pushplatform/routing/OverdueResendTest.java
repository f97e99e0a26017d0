package org.pushplatform.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.pushplatform.contract.EmitToConnections;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/** A stored message whose record was lost on its way reaches a client that stays connected. */
@QuarkusTest
@TestProfile(OverdueResendTest.ResendSoon.class)
@QuarkusTestResource(KafkaAndPostgresResource.class)
class OverdueResendTest extends StoredMessageLostOnItsWay {

    /** Overdue after 2 s, looked for every second. */
    public static class ResendSoon implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("push.resend-after", "2s", "push.resend-check", "1s");
        }
    }

    @Test
    void aStoredMessageNotReceiptedIsSentAgainToTheConnectedReceiverUntilItIs() {
        // given a connected receiver whose gateway loses the first write (no receipt comes back)
        Lost lost = aStoredMessageLostOnItsWay("lost once");
        String receiver = lost.receiver();
        EmitToConnections first = lost.delivery();

        // when the receiver stays connected
        EmitToConnections again = gateway.awaitEvent(receiver, "message");

        // then the same stored message comes again, and once received, no more
        assertThat(again.receiptId()).isEqualTo(first.receiptId());
        assertThat(again.args()).isEqualTo(first.args());
        gateway.receipt(receiver, again.receiptId());
        gateway.awaitEvent(lost.publisher(), "recvack");
        assertThat(gateway.pollEmits(5_000)).noneMatch(e -> e.event().equals("message"));
    }
}
