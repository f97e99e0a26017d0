package org.pushplatform.device.devices;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** A device as the admin API shows it: its bindings, schedule, presence and what its acks said last; never its key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Device(String app, String serial, String name, Binding school, Binding schoolClass, JsonNode powerSchedule,
                     boolean remoteDebug, boolean online, String nodeId, OffsetDateTime onlineAt, OffsetDateTime offlineAt,
                     OffsetDateTime lastAckAt, String lastStatus, Integer faceCount, OffsetDateTime createdAt) {

    /** A school or class it is bound to. */
    public record Binding(long id, String name) {
    }
}
