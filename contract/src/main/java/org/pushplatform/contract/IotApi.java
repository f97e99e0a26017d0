package org.pushplatform.contract;

/**
 * The IoT app channel between routing and iot-service. Every MQTT PUBLISH to a topic under {@code /sys/} is the IoT
 * API's, never the shared topic space's: routing hands it to iot-service on {@code push.in.iot} as a frame
 * {@code iot.uplink} (app, identity the publisher's client id, connection) once the client's session checked it,
 * keyed by the topic's product key and device name; iot-service answers on the channel's down topics by delivering
 * MQTT {@code publish} events to the client id's identity. Devices' MQTT clients' presence goes the same way, as
 * {@code iot.presence}.
 */
public final class IotApi {

    public static final String API = "iot";
    public static final String UPLINK = "uplink";
    /** A device's MQTT client ({@link #isDeviceClientId}) came online or went offline. */
    public static final String PRESENCE = "presence";
    public static final String SYS_PREFIX = "/sys/";

    private IotApi() {
    }

    /** Whether an MQTT topic is the IoT API's. */
    public static boolean isSysTopic(String topic) {
        return topic != null && topic.startsWith(SYS_PREFIX);
    }

    /**
     * The Kafka key of an uplink on {@code /sys/{productKey}/{deviceName}/...}: {@code app/productKey/deviceName}, so
     * that what one channel or device sends is handled in order; the whole topic for a shorter one.
     */
    public static String uplinkKey(String app, String topic) {
        int productEnd = topic.indexOf('/', SYS_PREFIX.length());
        int deviceEnd = productEnd < 0 ? -1 : topic.indexOf('/', productEnd + 1);
        return app + '/' + (deviceEnd < 0 ? topic : topic.substring(SYS_PREFIX.length(), deviceEnd));
    }

    /**
     * Whether an MQTT client id is a device's: {@code {deviceName}&{productKey}}, the seed's MQTT user name form. Its
     * presence goes to iot-service, which makes it the device's status when the app has that device.
     */
    public static boolean isDeviceClientId(String clientId) {
        int amp = clientId == null ? -1 : clientId.indexOf('&');
        return amp > 0 && amp < clientId.length() - 1 && clientId.indexOf('&', amp + 1) < 0 && clientId.indexOf('/') < 0;
    }

    /** The Kafka key of a device client's presence: the same as its uplinks', {@code app/productKey/deviceName}. */
    public static String deviceKey(String app, String deviceClientId) {
        int amp = deviceClientId.indexOf('&');
        return app + '/' + deviceClientId.substring(amp + 1) + '/' + deviceClientId.substring(0, amp);
    }

    /**
     * A device's MQTT client came online (its CONNECT was accepted) or went offline (its last connection ended).
     *
     * @param clientId {@code {deviceName}&{productKey}}
     */
    public record Presence(String clientId, boolean online) {
    }

    /**
     * A PUBLISH to a {@code /sys/} topic, as routing hands it on.
     *
     * @param clientId the publishing MQTT client's id (its session's)
     * @param topic    the topic as published
     * @param payload  the payload's bytes in base64
     * @param qos      the QoS it was published with
     */
    public record Uplink(String clientId, String topic, String payload, int qos) {
    }
}
