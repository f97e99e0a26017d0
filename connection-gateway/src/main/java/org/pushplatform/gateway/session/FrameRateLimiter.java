package org.pushplatform.gateway.session;

/**
 * A token bucket per connection: a burst of twice the rate, refilled continuously. Synchronized: a polling client's
 * POSTs may arrive on different event loops.
 */
public final class FrameRateLimiter {

    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long lastRefill;
    private long dropped;
    private boolean disconnected;

    public FrameRateLimiter(int framesPerSecond) {
        this.ratePerNano = framesPerSecond / 1e9;
        this.capacity = framesPerSecond * 2.0;
        this.tokens = capacity;
        this.lastRefill = System.nanoTime();
    }

    /** True when {@code frames} frames arriving together may pass; false counts them all as dropped. */
    public synchronized boolean tryAcquire(int frames) {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - lastRefill) * ratePerNano);
        lastRefill = now;
        if (tokens >= frames) {
            tokens -= frames;
            return true;
        }
        dropped += frames;
        return false;
    }

    /** True the first time: a flooding client is disconnected once, however many packets it still sends. */
    public synchronized boolean markDisconnected() {
        if (disconnected) {
            return false;
        }
        disconnected = true;
        return true;
    }

    public synchronized long dropped() {
        return dropped;
    }
}
