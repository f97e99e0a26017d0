package org.pushplatform.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pushplatform.contract.EmitToConnections;
import org.pushplatform.routing.presence.HeartbeatsResumed;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/**
 * A stored message lost on its way while Kafka was away reaches a client that stayed connected within seconds of
 * Kafka's return, not a whole {@code resend-after} (30 s) later.
 */
@QuarkusTest
@TestProfile(ResendAfterKafkaOutageTest.CheckEverySecond.class)
@QuarkusTestResource(KafkaAndPostgresResource.class)
class ResendAfterKafkaOutageTest extends StoredMessageLostOnItsWay {

    /**
     * Liveness checked every second: what is not received two seconds after Kafka's return is sent again. The
     * regular resend is put out of the test's reach.
     */
    public static class CheckEverySecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("push.liveness-check", "1s", "push.resend-after", "10m");
        }
    }

    @Inject
    Event<HeartbeatsResumed> heartbeatsResumed;

    @Test
    void whatWasNotReceivedWhenKafkaCameBackIsSentAgainAtOnce() {
        // given a connected receiver whose gateway lost a stored message (no receipt came back)
        Lost lost = aStoredMessageLostOnItsWay("lost in the outage");

        // when routing reads its heartbeats again after Kafka was away
        heartbeatsResumed.fireAsync(new HeartbeatsResumed(4_000));

        // then the message comes again (the regular resend is ten minutes away), and once received, no more
        EmitToConnections again = gateway.awaitEvent(lost.receiver(), "message");
        assertThat(again.receiptId()).isEqualTo(lost.delivery().receiptId());
        gateway.receipt(lost.receiver(), again.receiptId());
        gateway.awaitEvent(lost.publisher(), "recvack");
    }
}
