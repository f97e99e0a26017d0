package org.pushplatform.contract;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * The device API's client events and its {@code authentication} signature, as the seed defines them: the signature
 * is {@code base64(serial_no:device_key)}, or the stronger form an app can require,
 * {@code base64(serial_no:timestamp:nonce:hex(HMAC-SHA256(device_key, serial_no:timestamp:nonce)))}. Either way the
 * serial comes first, so a gateway can key the connection's frames by its device before the service has checked it.
 */
public final class DeviceSignatures {

    /** The wire API's name on frames and deliveries. */
    public static final String API = "device";
    public static final String AUTHENTICATION = "authentication";
    /** The events a device, a console or a mini-app page sends. */
    public static final Set<String> CLIENT_EVENTS = Set.of(AUTHENTICATION, "join_room", "leave_room", "cmd_result", "remote_cmd");
    /** A signature longer than this is not looked at. */
    private static final int MAX_SIGNATURE_CHARS = 1024;

    private DeviceSignatures() {
    }

    /** The signature's text, decoded; null when it is not base64 of UTF-8 text or too long. */
    public static String decode(String signature) {
        if (signature == null || signature.isEmpty() || signature.length() > MAX_SIGNATURE_CHARS) {
            return null;
        }
        try {
            return new String(Base64.getMimeDecoder().decode(signature.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The serial number a signature names; null when it names none. */
    public static String serialOf(String signature) {
        String text = decode(signature);
        if (text == null) {
            return null;
        }
        int colon = text.indexOf(':');
        return colon <= 0 ? null : text.substring(0, colon);
    }
}
