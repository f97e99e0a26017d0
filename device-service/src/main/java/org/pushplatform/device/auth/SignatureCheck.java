package org.pushplatform.device.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;


import org.pushplatform.contract.DeviceSignatures;
import org.pushplatform.service.HexHmac;

/**
 * Checks one signature against a device's key: the seed's {@code base64(serial:key)}, or
 * {@code base64(serial:timestamp:nonce:hex(HMAC-SHA256(key, serial:timestamp:nonce)))}, whose timestamp (seconds
 * since the epoch) must be within the allowed skew and whose nonce must be new. Comparisons take constant time.
 */
final class SignatureCheck {

    /** Why a signature is refused, for the logs and metrics; the device is told only the seed's text. */
    enum Verdict {
        OK, MALFORMED, UNKNOWN_DEVICE, WRONG_KEY, HMAC_REQUIRED, STALE, REPLAYED
    }

    private final Duration maxSkew;
    private final RecentNonces nonces;

    SignatureCheck(Duration maxSkew, RecentNonces nonces) {
        this.maxSkew = maxSkew;
        this.nonces = nonces;
    }

    Verdict check(String signature, String serial, String deviceKey, boolean requireHmac, long nowMillis) {
        String text = DeviceSignatures.decode(signature);
        if (text == null) {
            return Verdict.MALFORMED;
        }
        String[] parts = text.split(":", -1);
        if (parts.length == 2 && parts[0].equals(serial)) {
            if (requireHmac) {
                return Verdict.HMAC_REQUIRED;
            }
            return same(parts[1], deviceKey) ? Verdict.OK : Verdict.WRONG_KEY;
        }
        if (parts.length != 4 || !parts[0].equals(serial)) {
            return Verdict.MALFORMED;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return Verdict.MALFORMED;
        }
        String signed = parts[0] + ":" + parts[1] + ":" + parts[2];
        if (!HexHmac.matches(parts[3], hmac(deviceKey, signed))) {
            return Verdict.WRONG_KEY;
        }
        if (Math.abs(nowMillis - timestamp * 1000) > maxSkew.toMillis()) {
            return Verdict.STALE;
        }
        return nonces.firstUse(serial, parts[2], nowMillis) ? Verdict.OK : Verdict.REPLAYED;
    }

    static String hmac(String key, String text) {
        return HexHmac.sha256(key, text);
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
