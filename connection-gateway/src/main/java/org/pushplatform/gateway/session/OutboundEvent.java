package org.pushplatform.gateway.session;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event with its arguments on its way to one or many connections. Each wire format encodes it once, however
 * many connections of that format it goes to: a fan-out to thousands of local connections costs one encoding.
 * Used from the one thread that writes a delivery out.
 */
public final class OutboundEvent {

    private final String name;
    private final List<JsonNode> args;
    private final boolean redelivery;
    private final Map<Object, Object> encodings = new HashMap<>(2);

    public OutboundEvent(String name, List<JsonNode> args) {
        this(name, args, false);
    }

    /** @param redelivery a stored delivery that may have reached an earlier connection of its identity already */
    public OutboundEvent(String name, List<JsonNode> args, boolean redelivery) {
        this.name = name;
        this.args = args;
        this.redelivery = redelivery;
    }

    /** Whether it may have reached an earlier connection already: MQTT sends it marked DUP. */
    public boolean redelivery() {
        return redelivery;
    }

    public String name() {
        return name;
    }

    public List<JsonNode> args() {
        return args;
    }

    /**
     * This event in one wire format, encoded the first time it is asked for.
     *
     * @param format  a constant naming the format (one per encoder)
     * @param encoder how that format encodes an event
     */
    @SuppressWarnings("unchecked")
    public <T> T encoded(Object format, Function<OutboundEvent, T> encoder) {
        return (T) encodings.computeIfAbsent(format, f -> encoder.apply(this));
    }
}
