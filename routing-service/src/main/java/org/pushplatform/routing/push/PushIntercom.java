package org.pushplatform.routing.push;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.IntercomRoom;
import org.pushplatform.contract.PushServerFrames;
import org.pushplatform.contract.delivery.Ack;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.ControlCommands;
import org.pushplatform.contract.delivery.Deliver;
import org.pushplatform.routing.delivery.ControlCommandHandler;
import org.pushplatform.routing.delivery.DeliveryHub;
import org.pushplatform.routing.messages.AppNames;
import org.pushplatform.routing.messaging.MessageIds;

/**
 * The intercom: WebSocket members join a side of a room ({@link IntercomRoom}); what one side sends, text or binary,
 * reaches the other side's members on every node through the core's rooms, QoS 0 (a call is live or not at all).
 * TCP types 8 (open door) and 10 (door) go to the door units, side 0, of room {@code r}, and 9 (phone) to the phones,
 * side 1, of both kinds of room named {@code r}, as the frame itself.
 */
@ApplicationScoped
public class PushIntercom {

    /** The event of an intercom delivery: {@code {text}} or {@code {binary: base64}}, written as a WebSocket frame. */
    public static final String EVENT = "intercom";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ControlCommandHandler control;
    private final DeliveryHub hub;

    public PushIntercom(ControlCommandHandler control, DeliveryHub hub) {
        this.control = control;
        this.hub = hub;
    }

    /** {@code intercom_join {room}}: the connection joins its side of the room its URL names. */
    Uni<Void> join(Envelope frame) {
        IntercomRoom room = roomOf(frame.payload().get("room"));
        control.joinRoom(new ControlCommands.JoinRoom(new Address.Connection(frame.app(), frame.nodeId(), frame.connectionId()),
            room.roomName()));
        return Uni.createFrom().voidItem();
    }

    /** {@code intercom_relay {room, text|binary}}: to the other side of the sender's room. */
    Uni<Void> relay(Envelope frame) {
        IntercomRoom from = roomOf(frame.payload().get("room"));
        ObjectNode message = frame.payload().deepCopy();
        message.remove("room");
        return deliver(frame.app(), List.of(from.otherSide()), message);
    }

    /** TCP types 8, 9, 10 {@code {r, u}}: the frame, as text, to one side of room r. */
    Uni<Void> command(Envelope frame, String event) {
        String name = PushNames.name(frame.payload().get("r"), "r");
        int side = "phone".equals(event) ? 1 : 0;
        // the frame as the client sent it: what the gateway wrote in (its token among it) stays here
        ObjectNode sent = frame.payload().deepCopy();
        sent.remove(PushServerFrames.GATEWAY_FIELD);
        ObjectNode message = JSON.objectNode().put("text", sent.toString());
        return deliver(frame.app(), List.of(new IntercomRoom(IntercomRoom.CAPTURE, name, side), new IntercomRoom(IntercomRoom.CALL, name, side)),
            message);
    }

    private Uni<Void> deliver(String app, List<IntercomRoom> rooms, ObjectNode message) {
        List<DeliveryHub.Request> requests = new ArrayList<>(rooms.size());
        for (IntercomRoom room : rooms) {
            requests.add(new DeliveryHub.Request(new Deliver(new Address.Room(app, room.roomName()), PushPublishing.API, EVENT,
                List.of(message), 0, null, Ack.NONE, MessageIds.next(), null, null), null, null));
        }
        return hub.deliverAll(requests).replaceWithVoid();
    }

    private static IntercomRoom roomOf(JsonNode name) {
        try {
            IntercomRoom room = IntercomRoom.parse(name == null ? null : name.asText());
            if (room.name().isEmpty() || room.name().length() > AppNames.MAX_LENGTH || !AppNames.hasOnlyAllowedCharacters(room.name())) {
                throw new PushFrameException("r must be 1-" + AppNames.MAX_LENGTH + " characters without spaces, '#' or '+'");
            }
            return room;
        } catch (IllegalArgumentException e) {
            throw new PushFrameException(e.getMessage());
        }
    }
}
