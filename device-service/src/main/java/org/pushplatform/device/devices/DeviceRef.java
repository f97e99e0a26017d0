package org.pushplatform.device.devices;

import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.IdentityKinds;

/** One device of one app: serials are unique within their app. */
public record DeviceRef(String app, String serial) {

    /** The device as the core knows it. */
    public Address.Identity identity() {
        return new Address.Identity(app, IdentityKinds.DEVICE, serial);
    }

    /** The Kafka key of everything about the device: its connection's frames, its nudges, its commands to the core. */
    public String key() {
        return identity().key();
    }
}
