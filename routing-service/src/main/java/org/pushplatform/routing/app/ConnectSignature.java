package org.pushplatform.routing.app;

import org.pushplatform.service.HexHmac;

/**
 * The signed connect an app may require: {@code sign} is the hex HMAC-SHA256, keyed with the app's secret, of
 * {@code "<appkey>:<customid>:<expires>"}, {@code expires} in seconds since the epoch. The app's own backend makes it
 * for a client it has authenticated, so that knowing the appkey is not enough to take over someone's session.
 */
public final class ConnectSignature {

    public static final String REQUIRED = "this app requires a signed connect_v2: customid, expires and sign";

    private ConnectSignature() {
    }

    /**
     * @param customid the customid the client named, or null when it named none
     * @param expires  the {@code expires} field, or null
     * @param sign     the {@code sign} field, or null
     * @return why the connect is refused, or null when the signature holds
     */
    public static String problemOf(App app, String customid, Long expires, String sign, long nowSeconds) {
        if (customid == null || expires == null || sign == null) {
            return REQUIRED;
        }
        if (!HexHmac.matches(sign, sign(app.secret, app.appkey, customid, expires))) {
            return "bad signature";
        }
        return expires < nowSeconds ? "signature expired" : null;
    }

    /** The signature of one connect, as an app's backend computes it. */
    public static String sign(String secret, String appkey, String customid, long expires) {
        return HexHmac.sha256(secret, appkey + ":" + customid + ":" + expires);
    }
}
