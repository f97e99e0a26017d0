package org.pushplatform.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameRateLimiterTest {

    @Test
    void aBurstOfTwiceTheRatePassesAndTheNextFrameIsDroppedAndCounted() {
        FrameRateLimiter limiter = new FrameRateLimiter(100);

        int passed = 0;
        for (int i = 0; i < 200; i++) {
            passed += limiter.tryAcquire(1) ? 1 : 0;
        }
        boolean next = limiter.tryAcquire(1);

        assertThat(passed).isEqualTo(200);
        assertThat(next).isFalse();
        assertThat(limiter.dropped()).isEqualTo(1);
    }
}
