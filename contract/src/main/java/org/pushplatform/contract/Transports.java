package org.pushplatform.contract;

/**
 * What a client connection came over, as gateways count it in their heartbeats ({@code <api>/<transport>}) and as
 * routing notes it for the push-server API's alias lists.
 */
public final class Transports {

    public static final String SOCKET_IO = "socketio";
    public static final String TCP = "tcp";
    public static final String MQTT = "mqtt";
    /** The push-server intercom's WebSockets: {@code intercom-capture}, {@code intercom-call}. */
    public static final String INTERCOM_PREFIX = "intercom-";

    private Transports() {
    }

    /** The transport of an intercom room kind ({@link IntercomRoom#CAPTURE}, {@link IntercomRoom#CALL}). */
    public static String intercom(String roomKind) {
        return INTERCOM_PREFIX + roomKind;
    }

    /** The key of a heartbeat's count: {@code <api>/<transport>}. */
    public static String countKey(String api, String transport) {
        return api + "/" + transport;
    }
}
