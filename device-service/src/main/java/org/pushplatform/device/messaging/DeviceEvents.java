package org.pushplatform.device.messaging;

import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.pushplatform.device.devices.DeviceRef;

/**
 * Integration events on {@code push.events.device}, as structured CloudEvents JSON keyed by {@code app/serial}:
 * every change of a command's state, a device coming online or going offline, and what a device answered a remote
 * command with.
 */
@ApplicationScoped
public class DeviceEvents {

    /** Type prefix of command changes; the rest is the new state in lower case (queued, sent, delivered, ...). */
    public static final String COMMAND_PREFIX = "org.pushplatform.device.command.";
    public static final String ONLINE = "org.pushplatform.device.online";
    public static final String OFFLINE = "org.pushplatform.device.offline";
    public static final String CMD_RESULT = "org.pushplatform.device.cmd_result";

    /**
     * Data of a command change.
     *
     * @param attempts how often it was sent so far
     * @param retrying for a timed-out attempt that is queued again: true
     */
    public record CommandChanged(long commandId, String app, String serial, String event, String state, int attempts,
                                 JsonNode result, String error, boolean retrying) {
    }

    /** Data of online, offline. */
    public record Presence(String app, String serial, String nodeId, String connectionId) {
    }

    /** Data of a relayed cmd_result. */
    public record CmdResult(String app, String serial, JsonNode result) {
    }

    private final Emitter<Object> emitter;

    public DeviceEvents(@Channel("events-device") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
                        Emitter<Object> emitter) {
        this.emitter = emitter;
    }

    public void commandChanged(CommandChanged change) {
        send(change, COMMAND_PREFIX + change.state().toLowerCase(Locale.ROOT), new DeviceRef(change.app(), change.serial()));
    }

    public void online(DeviceRef device, String nodeId, String connectionId) {
        send(new Presence(device.app(), device.serial(), nodeId, connectionId), ONLINE, device);
    }

    public void offline(DeviceRef device, String nodeId, String connectionId) {
        send(new Presence(device.app(), device.serial(), nodeId, connectionId), OFFLINE, device);
    }

    public void cmdResult(DeviceRef device, JsonNode result) {
        send(new CmdResult(device.app(), device.serial(), result), CMD_RESULT, device);
    }

    private void send(Object data, String type, DeviceRef device) {
        OutgoingCloudEventMetadata<Object> ce = OutgoingCloudEventMetadata.builder()
            .withId(UUID.randomUUID().toString())
            .withType(type)
            .withSubject(device.key())
            .withTimestamp(ZonedDateTime.now())
            .build();
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder().withKey(device.key()).build();
        emitter.send(Message.of(data).addMetadata(ce).addMetadata(key));
    }
}
