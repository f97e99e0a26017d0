package org.pushplatform.routing.messaging;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Message ids as the seed describes them: a 64-bit integer written as a decimal string. Time in the high bits
 * keeps them roughly ordered; a random start for the low bits keeps two instances from colliding.
 */
public final class MessageIds {

    private static final AtomicLong SEQUENCE = new AtomicLong(new java.security.SecureRandom().nextInt(1 << 20));

    private MessageIds() {
    }

    public static String next() {
        long millis = System.currentTimeMillis() & ((1L << 41) - 1);
        long sequence = SEQUENCE.incrementAndGet() & ((1L << 22) - 1);
        return Long.toUnsignedString((millis << 22) | sequence);
    }
}
