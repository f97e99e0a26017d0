package org.pushplatform.iot.channels;

/**
 * The codes of {@code bind_reply} and {@code unbind_reply}: 200 as the seed has it, the others this platform's (the
 * README lists them).
 */
public enum BindCode {
    SUCCESS(200, "success"),
    MALFORMED(400, "request malformed"),
    TOKEN_UNKNOWN(401, "iotToken is not valid"),
    NOT_OWN_CLIENT_ID(403, "request.clientId is not this connection's client id"),
    PRODUCT_UNKNOWN(404, "product key of the topic is unknown"),
    TOKEN_EXPIRED(410, "iotToken has expired");

    private final int code;
    private final String message;

    BindCode(int code, String message) {
        this.code = code;
        this.message = message;
    }

    public int code() {
        return code;
    }

    public String message() {
        return message;
    }
}
