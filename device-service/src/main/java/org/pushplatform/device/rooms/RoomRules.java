package org.pushplatform.device.rooms;

import java.util.regex.Pattern;

import org.pushplatform.device.devices.DeviceStore;

/**
 * Who may join which room. A student's memo rooms ({@code bp_student_<id>} for class boards, {@code wxa_student_<id>}
 * for mini-app pages) are open to any connection, as the seed's pages join them without authenticating. Any other
 * room is a device's serial number: its own authenticated connection may always join it, any other connection (a
 * debugging console) only while remote debugging is on for that device.
 */
public final class RoomRules {

    private static final Pattern MEMO_ROOM = Pattern.compile("(bp|wxa)_student_[0-9]{1,19}");
    private static final int MAX_ROOM_CHARS = 128;

    private RoomRules() {
    }

    public static boolean isMemoRoom(String room) {
        return room != null && MEMO_ROOM.matcher(room).matches();
    }

    /** A name that can be a room at all. */
    public static boolean isRoomName(String room) {
        return room != null && !room.isBlank() && room.length() <= MAX_ROOM_CHARS;
    }

    /**
     * @param device the device whose serial is the room, or null when none has it
     * @return whether the connection may join the room
     */
    public static boolean mayJoin(String room, String connectionId, DeviceStore.Credentials device) {
        if (isMemoRoom(room)) {
            return true;
        }
        return device != null && (connectionId.equals(device.connectionId()) || device.remoteDebug());
    }

    /** The memo rooms of a student: the class board's and the mini-app's. */
    public static String[] memoRoomsOf(long studentId) {
        return new String[] {"bp_student_" + studentId, "wxa_student_" + studentId};
    }
}
