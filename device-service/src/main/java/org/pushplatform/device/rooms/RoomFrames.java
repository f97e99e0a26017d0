package org.pushplatform.device.rooms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.delivery.ControlCommands;
import org.pushplatform.contract.delivery.DeliveryRecord;
import org.pushplatform.device.devices.ClientFrame;
import org.pushplatform.device.devices.DeviceRef;
import org.pushplatform.device.devices.DeviceStore;
import org.pushplatform.device.messaging.ClientEvents;
import org.pushplatform.device.messaging.CoreCommands;
import org.pushplatform.device.messaging.DeviceEvents;
import org.pushplatform.device.messaging.Payloads;

/**
 * The room frames of a poll, in order, with one statement for the devices they name: {@code join_room} and
 * {@code leave_room} answered with their {@code :ok} or {@code :fail} events, {@code cmd_result} from a device
 * relayed to its serial-number room (its consoles), {@code remote_cmd} from a console relayed to the serial rooms it
 * joined (their devices). Answers and joins of one connection go to the core under its key, so they stay in order.
 */
@ApplicationScoped
public class RoomFrames {

    public static final String JOIN = "join_room";
    public static final String LEAVE = "leave_room";
    public static final String CMD_RESULT = "cmd_result";
    public static final String REMOTE_CMD = "remote_cmd";

    private final DeviceStore devices;
    private final CoreCommands core;
    private final DeviceEvents events;
    private final JoinedRooms joined = new JoinedRooms();
    private final MeterRegistry metrics;

    public RoomFrames(DeviceStore devices, CoreCommands core, DeviceEvents events, MeterRegistry metrics) {
        this.devices = devices;
        this.core = core;
        this.events = events;
        this.metrics = metrics;
    }

    /** @param eventsOfFrames the event of each frame, in order */
    public Uni<Void> handle(List<ClientFrame> frames, List<String> eventsOfFrames) {
        List<DeviceRef> named = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            ClientFrame frame = frames.get(i);
            String room = Payloads.text(frame.payload(), "room");
            if (JOIN.equals(eventsOfFrames.get(i)) && frame.app() != null && RoomRules.isRoomName(room) && !RoomRules.isMemoRoom(room)) {
                named.add(new DeviceRef(frame.app(), room));
            } else if (CMD_RESULT.equals(eventsOfFrames.get(i)) && frame.namedDevice() != null) {
                named.add(frame.namedDevice());
            }
        }
        return devices.credentials(named.stream().distinct().toList()).flatMap(found -> {
            List<DeliveryRecord> commands = new ArrayList<>();
            for (int i = 0; i < frames.size(); i++) {
                ClientFrame frame = frames.get(i);
                switch (eventsOfFrames.get(i)) {
                    case JOIN -> join(frame, found, commands);
                    case LEAVE -> leave(frame, commands);
                    case CMD_RESULT -> cmdResult(frame, found, commands);
                    default -> remoteCmd(frame, commands);
                }
            }
            return core.send(commands);
        });
    }

    /** A connection closed: its rooms are forgotten (the gateway drops its memberships itself). */
    public void closed(String connectionId) {
        joined.closed(connectionId);
    }

    private void join(ClientFrame frame, Map<DeviceRef, DeviceStore.Credentials> found, List<DeliveryRecord> commands) {
        String room = Payloads.text(frame.payload(), "room");
        DeviceStore.Credentials device = room == null || frame.app() == null ? null : found.get(new DeviceRef(frame.app(), room));
        if (frame.app() == null || !RoomRules.isRoomName(room) || !RoomRules.mayJoin(room, frame.connectionId(), device)) {
            counted("join-refused");
            commands.add(ClientEvents.toConnection(frame.connection(), "join_room:fail", error("join room fail")));
            return;
        }
        if (!RoomRules.isMemoRoom(room)) {
            joined.joined(frame.connectionId(), room);
        }
        commands.add(new ControlCommands.JoinRoom(frame.connection(), room));
        commands.add(ClientEvents.toConnection(frame.connection(), "join_room:ok", null));
    }

    private void leave(ClientFrame frame, List<DeliveryRecord> commands) {
        String room = Payloads.text(frame.payload(), "room");
        if (frame.app() == null || !RoomRules.isRoomName(room)) {
            counted("leave-refused");
            commands.add(ClientEvents.toConnection(frame.connection(), "leave_room:fail", error("leave room fail")));
            return;
        }
        joined.left(frame.connectionId(), room);
        commands.add(new ControlCommands.LeaveRoom(frame.connection(), room));
        commands.add(ClientEvents.toConnection(frame.connection(), "leave_room:ok", null));
    }

    /** Only a device's own authenticated connection speaks for it. */
    private void cmdResult(ClientFrame frame, Map<DeviceRef, DeviceStore.Credentials> found, List<DeliveryRecord> commands) {
        DeviceRef device = frame.namedDevice();
        DeviceStore.Credentials credentials = device == null ? null : found.get(device);
        JsonNode result = Payloads.object(frame.payload());
        if (credentials == null || !frame.connectionId().equals(credentials.connectionId()) || result == null) {
            counted("cmd-result-dropped");
            return;
        }
        commands.add(ClientEvents.toRoom(device.app(), device.serial(), CMD_RESULT, result));
        events.cmdResult(device, result);
    }

    private void remoteCmd(ClientFrame frame, List<DeliveryRecord> commands) {
        JsonNode command = Payloads.object(frame.payload());
        DeviceRef self = frame.namedDevice();
        List<String> rooms = joined.of(frame.connectionId()).stream().filter(room -> self == null || !room.equals(self.serial())).toList();
        if (command == null || rooms.isEmpty()) {
            counted("remote-cmd-dropped");
            return;
        }
        rooms.forEach(room -> commands.add(ClientEvents.toRoom(frame.app(), room, REMOTE_CMD, command)));
    }

    private static JsonNode error(String message) {
        return JsonNodeFactory.instance.objectNode().put("error_msg", message);
    }

    private void counted(String outcome) {
        metrics.counter("push_device_room_frames_total", "outcome", outcome).increment();
    }
}
