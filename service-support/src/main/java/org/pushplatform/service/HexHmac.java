package org.pushplatform.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signatures apps' backends and devices make: hex HMAC-SHA256 of a text, keyed with a secret, and its check in
 * constant time (a signature must not be guessable byte by byte through timing).
 */
public final class HexHmac {

    private static final String ALGORITHM = "HmacSHA256";

    private HexHmac() {
    }

    /** The lower-case hex HMAC-SHA256 of {@code text} under {@code key}. */
    public static String sha256(String key, String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Whether a given hex signature (either case) is the expected one, compared in constant time. */
    public static boolean matches(String given, String expected) {
        return given != null && MessageDigest.isEqual(given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
            expected.getBytes(StandardCharsets.US_ASCII));
    }
}
