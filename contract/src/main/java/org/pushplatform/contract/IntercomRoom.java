package org.pushplatform.contract;

/**
 * A side of a push-server intercom room, as the gateway names it in the core's rooms: capture rooms {@code /{r}/{d}}
 * (side 0 door or wall units, 1 phones) and call rooms {@code /{r}/{d}/{device}} (0 caller, 1 callee). What one side
 * sends reaches the other side.
 *
 * @param kind {@link #CAPTURE} or {@link #CALL}
 * @param name the seed's {@code r}
 * @param side the seed's {@code d}: 0 or 1
 */
public record IntercomRoom(String kind, String name, int side) {

    public static final String CAPTURE = "capture";
    public static final String CALL = "call";
    private static final String PREFIX = "intercom:";

    public IntercomRoom {
        if (!CAPTURE.equals(kind) && !CALL.equals(kind)) {
            throw new IllegalArgumentException("an intercom room is a capture or a call room, not " + kind);
        }
        if (side != 0 && side != 1) {
            throw new IllegalArgumentException("d must be 0 or 1");
        }
    }

    /** The core's room: {@code intercom:<kind>:<side>:<name>}. */
    public String roomName() {
        return PREFIX + kind + ":" + side + ":" + name;
    }

    public IntercomRoom otherSide() {
        return new IntercomRoom(kind, name, 1 - side);
    }

    /** @throws IllegalArgumentException when it is no intercom room's name */
    public static IntercomRoom parse(String roomName) {
        if (roomName == null || !roomName.startsWith(PREFIX)) {
            throw new IllegalArgumentException("no intercom room: " + roomName);
        }
        String[] parts = roomName.substring(PREFIX.length()).split(":", 3);
        if (parts.length != 3 || !(parts[1].equals("0") || parts[1].equals("1"))) {
            throw new IllegalArgumentException("no intercom room: " + roomName);
        }
        return new IntercomRoom(parts[0], parts[2], Integer.parseInt(parts[1]));
    }
}
