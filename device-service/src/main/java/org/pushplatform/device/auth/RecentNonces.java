package org.pushplatform.device.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The nonces of HMAC signatures seen within the allowed clock skew, so that a captured signature cannot be used
 * again. Kept by the instance that owns the devices (a device's authentications all reach it); bounded, oldest out.
 */
final class RecentNonces {

    static final int MAX_REMEMBERED = 100_000;

    private final long windowMillis;
    private final Map<String, Long> seenAt = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    RecentNonces(Duration maxSkew) {
        // a timestamp may be maxSkew behind or ahead: a nonce must be remembered for both
        this.windowMillis = 2 * maxSkew.toMillis();
    }

    /** True the first time this nonce of this device is seen within the window. */
    synchronized boolean firstUse(String serial, String nonce, long nowMillis) {
        String key = serial + ':' + nonce;
        Long seen = seenAt.get(key);
        if (seen != null && nowMillis - seen < windowMillis) {
            return false;
        }
        seenAt.remove(key);
        seenAt.put(key, nowMillis);
        return true;
    }
}
