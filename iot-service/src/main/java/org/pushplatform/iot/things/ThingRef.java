package org.pushplatform.iot.things;

/** A device of an app: its product key and its name within the product. */
public record ThingRef(String app, String productKey, String deviceName) {

    /** The Kafka key of everything about the device. */
    public String key() {
        return app + '/' + productKey + '/' + deviceName;
    }

    /** The MQTT client id a device publishes its uplinks with (the seed's MQTT user name form). */
    public String clientId() {
        return deviceName + '&' + productKey;
    }
}
