package org.pushplatform.iot.things;

import java.util.regex.Pattern;

/**
 * What the names this service takes may be, checked where they enter (REST, Kafka, MQTT topics): they stand in MQTT
 * topics between slashes, so no slash, no wildcard, and bounded.
 */
public final class Names {

    private static final Pattern PRODUCT_KEY = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern DEVICE_NAME = Pattern.compile("[A-Za-z0-9_.:@-]{1,64}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9_.:@-]{1,128}");

    public static final String PRODUCT_KEY_RULE = "1-32 letters, digits, '_' or '-'";
    public static final String DEVICE_NAME_RULE = "1-64 letters, digits, '_', '.', ':', '@' or '-'";
    public static final String ACCOUNT_ID_RULE = "1-128 letters, digits, '_', '.', ':', '@' or '-'";
    /** Longest display name of a product, device or account. */
    public static final int MAX_NAME = 256;
    /** Longest message id a client or another team may give a notice or a request. */
    public static final int MAX_ID = 64;

    private Names() {
    }

    public static boolean isProductKey(String value) {
        return value != null && PRODUCT_KEY.matcher(value).matches();
    }

    public static boolean isDeviceName(String value) {
        return value != null && DEVICE_NAME.matcher(value).matches();
    }

    public static boolean isAccountId(String value) {
        return value != null && ACCOUNT_ID.matcher(value).matches();
    }

    public static boolean isDisplayName(String value) {
        return value == null || value.length() <= MAX_NAME;
    }
}
