package org.pushplatform.routing.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import org.bouncycastle.crypto.BufferedBlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.XTEAEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.pushplatform.contract.PushServerFrames;

/**
 * The push-server API's token, as text: {@code <appkey>.<hex of iv and ciphertext>}. The plaintext is
 * {@code <appkey>:<expires>} (UTF-8, expires in seconds since the epoch), encrypted with XTEA in CBC mode with PKCS#7
 * padding under a random 8-byte iv; the key is the first 16 bytes of SHA-256 of the app's secret. The appkey is also in
 * clear, so that the server knows whose secret opens it; a token that does not open to its own appkey is forged.
 */
public final class PushToken {

    private static final int IV_BYTES = 8;
    private static final int XTEA_BLOCK = 8;
    private static final int KEY_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    /** What a token says once opened. */
    public record Claims(String appkey, long expiresEpochSeconds) {
    }

    private PushToken() {
    }

    /** A new token of the app, valid until {@code expiresEpochSeconds}. */
    public static String mint(String appkey, String secret, long expiresEpochSeconds) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        return mint(appkey, secret, expiresEpochSeconds, iv);
    }

    /** The same with a given iv: the README's worked example, and its test. */
    static String mint(String appkey, String secret, long expiresEpochSeconds, byte[] iv) {
        byte[] plain = (appkey + ":" + expiresEpochSeconds).getBytes(StandardCharsets.UTF_8);
        byte[] sealed = run(true, secret, iv, plain);
        byte[] ivAndSealed = Arrays.copyOf(iv, IV_BYTES + sealed.length);
        System.arraycopy(sealed, 0, ivAndSealed, IV_BYTES, sealed.length);
        return appkey + "." + HEX.formatHex(ivAndSealed);
    }

    /** The appkey a token names in clear, or null when the text is no token; says nothing about whether it is genuine. */
    public static String appkeyOf(String token) {
        return PushServerFrames.appkeyOfToken(token);
    }

    /**
     * Opens a token with the secret of the app it names.
     *
     * @throws InvalidTokenException when it is not one, or not made with this secret
     */
    public static Claims open(String token, String secret) {
        String appkey = appkeyOf(token);
        if (appkey == null) {
            throw InvalidTokenException.forged();
        }
        byte[] ivAndSealed;
        try {
            ivAndSealed = HEX.parseHex(token.substring(appkey.length() + 1));
        } catch (IllegalArgumentException e) {
            throw InvalidTokenException.forged();
        }
        if (ivAndSealed.length < IV_BYTES + XTEA_BLOCK || (ivAndSealed.length - IV_BYTES) % XTEA_BLOCK != 0) {
            throw InvalidTokenException.forged();
        }
        byte[] plain = run(false, secret, Arrays.copyOf(ivAndSealed, IV_BYTES),
            Arrays.copyOfRange(ivAndSealed, IV_BYTES, ivAndSealed.length));
        String text = new String(plain, StandardCharsets.UTF_8);
        String prefix = appkey + ":";
        if (!text.startsWith(prefix)) {
            throw InvalidTokenException.forged();
        }
        try {
            return new Claims(appkey, Long.parseLong(text.substring(prefix.length())));
        } catch (NumberFormatException e) {
            throw InvalidTokenException.forged();
        }
    }

    private static byte[] run(boolean encrypt, String secret, byte[] iv, byte[] input) {
        BufferedBlockCipher cipher = new PaddedBufferedBlockCipher(CBCBlockCipher.newInstance(new XTEAEngine()), new PKCS7Padding());
        cipher.init(encrypt, new ParametersWithIV(new KeyParameter(keyOf(secret)), iv));
        byte[] output = new byte[cipher.getOutputSize(input.length)];
        int length = cipher.processBytes(input, 0, input.length, output, 0);
        try {
            length += cipher.doFinal(output, length);
        } catch (InvalidCipherTextException e) {
            // wrong key or altered bytes: the padding does not come out right
            throw InvalidTokenException.forged();
        }
        return Arrays.copyOf(output, length);
    }

    private static byte[] keyOf(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, KEY_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A token that is not one, was not made with the app's secret, or has expired. */
    public static final class InvalidTokenException extends RuntimeException {
        public InvalidTokenException(String message) {
            super(message, null, false, false);
        }

        /** Not a token, not made with the app's secret, or of another app: the reasons are not told apart. */
        public static InvalidTokenException forged() {
            return new InvalidTokenException("invalid token");
        }
    }
}
