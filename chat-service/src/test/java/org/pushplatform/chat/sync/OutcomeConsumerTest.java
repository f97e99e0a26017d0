package org.pushplatform.chat.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.DeliveryOutcome;

class OutcomeConsumerTest {

    private static final Address.Connection TO = new Address.Connection("app1", "node-a", "c1");

    @Test
    void aDeliveredOutcomeOfChatNamesTheAccountAndDeviceEvenWhenTheAccountIdHasASlash() {
        var outcome = outcome("chat:team/alice/phone", DeliveryOutcome.Status.DELIVERED);
        assertEquals(new DevicePositions.Delivered("app1", "team/alice", "phone", "m1"), OutcomeConsumer.deliveredOf(outcome));
    }

    @Test
    void theDeviceOfConnectionsThatNameNoneIsTheEmptyName() {
        assertEquals("", OutcomeConsumer.deliveredOf(outcome("chat:alice/", DeliveryOutcome.Status.DELIVERED)).device());
    }

    @Test
    void aFailedDeliveryMovesNothingAndNeitherDoesAnotherServicesOutcome() {
        assertNull(OutcomeConsumer.deliveredOf(outcome("chat:alice/phone", DeliveryOutcome.Status.FAILED)));
        assertNull(OutcomeConsumer.deliveredOf(outcome("chat:/phone", DeliveryOutcome.Status.DELIVERED)));
        assertNull(OutcomeConsumer.deliveredOf(outcome("chat:alice", DeliveryOutcome.Status.DELIVERED)));
    }

    private static DeliveryOutcome outcome(String requester, DeliveryOutcome.Status status) {
        return new DeliveryOutcome("m1", requester, TO, status, status == DeliveryOutcome.Status.FAILED
            ? DeliveryOutcome.Reason.CONNECTION_GONE : null, null, "c1", null, 0L);
    }
}
