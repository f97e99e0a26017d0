package org.pushplatform.gateway.socketio;

/**
 * A token bucket per connection: a burst of twice the rate, refilled continuously. Not thread-safe on purpose:
 * netty-socketio hands one connection's frames to one thread at a time.
 */
final class FrameRateLimiter {

    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long lastRefill;
    private long dropped;

    FrameRateLimiter(int framesPerSecond) {
        this.ratePerNano = framesPerSecond / 1e9;
        this.capacity = framesPerSecond * 2.0;
        this.tokens = capacity;
        this.lastRefill = System.nanoTime();
    }

    /** True when the frame may pass; false counts it as dropped. */
    synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - lastRefill) * ratePerNano);
        lastRefill = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        dropped++;
        return false;
    }

    synchronized long dropped() {
        return dropped;
    }
}
