package org.pushplatform.iot.inbound;

import java.util.Optional;

import org.pushplatform.contract.IotApi;
import org.pushplatform.iot.things.Names;

/** An uplink's topic {@code /sys/{productKey}/{deviceName}/{rest}}, its names checked. */
public record SysTopic(String productKey, String deviceName, String rest) {

    public static Optional<SysTopic> parse(String topic) {
        if (!IotApi.isSysTopic(topic)) {
            return Optional.empty();
        }
        String[] parts = topic.substring(IotApi.SYS_PREFIX.length()).split("/", 3);
        if (parts.length < 3 || !Names.isProductKey(parts[0]) || !Names.isDeviceName(parts[1])) {
            return Optional.empty();
        }
        return Optional.of(new SysTopic(parts[0], parts[1], parts[2]));
    }

    /** The topic an answer to this uplink goes to: the seed's {@code _reply} topic. */
    public String reply(String rest) {
        return IotApi.SYS_PREFIX + productKey + '/' + deviceName + '/' + rest;
    }
}
