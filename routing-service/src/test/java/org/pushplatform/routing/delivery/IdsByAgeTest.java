package org.pushplatform.routing.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class IdsByAgeTest {

    private final Instant start = Instant.parse("2026-12-05T12:00:00Z");
    private final IdsByAge ids = new IdsByAge(Duration.ofMinutes(1));

    @Test
    void theIdsOfDeliveriesAMinuteOldAreThoseNotedAMinuteAgo() {
        ids.note(start, 10);
        ids.note(start.plusSeconds(10), 20);

        assertThat(ids.oldUpTo(start.plusSeconds(30))).as("nothing is a minute old yet").isZero();
        assertThat(ids.oldUpTo(start.plusSeconds(60))).isEqualTo(10);
        assertThat(ids.oldUpTo(start.plusSeconds(69))).as("the same until the next note is a minute old").isEqualTo(10);
        assertThat(ids.oldUpTo(start.plusSeconds(70))).isEqualTo(20);

        ids.note(start.plusSeconds(80), 30);
        assertThat(ids.oldUpTo(start.plusSeconds(100))).isEqualTo(20);
        assertThat(ids.oldUpTo(start.plusSeconds(140))).isEqualTo(30);
    }
}
