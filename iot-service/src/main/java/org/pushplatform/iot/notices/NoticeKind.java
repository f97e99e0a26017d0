package org.pushplatform.iot.notices;

import java.util.Arrays;
import java.util.Optional;

/**
 * The seed's five down messages to app channels: the type other teams and REST name them by, the channel's down
 * topic they go to ({@code /sys/{channel pk}/{channel dn}/app/down/<topic>}), the {@code method} they carry, and the
 * field their parameters stand in ({@code param} for topology, as the seed has it).
 */
public enum NoticeKind {
    PROPERTIES("thing.properties", "thing/properties", "", "params"),
    EVENTS("thing.events", "thing/events", "thing.events", "params"),
    STATUS("thing.status", "thing/status", "thing.status", "params"),
    TOPO_ADD_STATUS("thing.topo.add.status", "thing/topo/add/status", "thing.topo.add.status", "param"),
    OTA_FORWARD("ota.device.forward", "ota/device/forward", "ota.device.forward", "params");

    private final String type;
    private final String downTopic;
    private final String method;
    private final String paramsField;

    NoticeKind(String type, String downTopic, String method, String paramsField) {
        this.type = type;
        this.downTopic = downTopic;
        this.method = method;
        this.paramsField = paramsField;
    }

    public String type() {
        return type;
    }

    public String downTopic() {
        return downTopic;
    }

    public String method() {
        return method;
    }

    public String paramsField() {
        return paramsField;
    }

    public static Optional<NoticeKind> ofType(String type) {
        return Arrays.stream(values()).filter(kind -> kind.type.equals(type)).findFirst();
    }
}
