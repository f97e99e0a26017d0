package org.pushplatform.gateway.socketio;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import org.pushplatform.gateway.session.OutboundEvent;

/**
 * An event's arguments in Socket.IO's JSON, encoded once: each argument becomes its JSON text, which the library's
 * packet encoder copies into every connection's packet instead of serializing the argument again. The text of
 * Engine.IO 3 and 4 packets is the same, so one encoding serves both.
 */
final class SocketIoEventArgs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SocketIoEventArgs() {
    }

    static List<Object> of(OutboundEvent event) {
        return event.encoded(SocketIoEventArgs.class, SocketIoEventArgs::encode);
    }

    private static List<Object> encode(OutboundEvent event) {
        List<Object> encoded = new ArrayList<>(event.args().size());
        for (JsonNode arg : event.args()) {
            try {
                // SerializedString keeps its UTF-8 bytes, so every copy after the first is a byte copy
                encoded.add(new RawValue(new SerializedString(JSON.writeValueAsString(arg))));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("an argument that is not JSON: " + e.getOriginalMessage(), e);
            }
        }
        return List.copyOf(encoded);
    }
}
