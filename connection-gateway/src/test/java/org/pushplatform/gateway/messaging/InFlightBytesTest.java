package org.pushplatform.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InFlightBytesTest {

    @Test
    void recordsPastTheBoundAreRefusedUntilKafkaHasAcknowledgedEnough() {
        // given a bound of 1,000 bytes, 900 of them waiting for Kafka
        InFlightBytes budget = new InFlightBytes(1000);
        assertThat(budget.tryTake(900)).isTrue();

        // when a record of 200 bytes comes, it is refused and nothing is counted for it
        assertThat(budget.tryTake(200)).isFalse();
        assertThat(budget.inFlight()).isEqualTo(900);

        // then once Kafka acknowledged the first, it goes
        budget.release(900);
        assertThat(budget.tryTake(200)).isTrue();
    }

    @Test
    void oneRecordLargerThanTheBoundGoesWhenNothingWaits() {
        InFlightBytes budget = new InFlightBytes(100);

        assertThat(budget.tryTake(500)).isTrue();
        assertThat(budget.tryTake(1)).isFalse();
    }
}
