package org.pushplatform.chat.inbox;

import java.util.Arrays;
import java.util.Optional;

/**
 * The inbox's categories, and the three ways the seed numbers them (kept as written, in one place): the session type
 * of {@code remove session} and {@code session removed} (3-7; 1 is a user, 2 a group, 100 a public account), the
 * {@code dtype} of {@code new notify} (0-4), and the value string of {@code inbox unread} and {@code clear notification}.
 */
public enum InboxCategory {

    SYSTEM(3, 1, "system"),
    POST(4, 0, "post"),
    CALENDAR(5, 2, "calendar"),
    TASK(6, 3, "task"),
    KNOWLEDGE(7, 4, "knowledge");

    /** Session types that are not inbox categories. */
    public static final int USER_SESSION = 1;
    public static final int GROUP_SESSION = 2;
    public static final int PUBLIC_ACCOUNT_SESSION = 100;

    private final int sessionType;
    private final int dtype;
    private final String value;

    InboxCategory(int sessionType, int dtype, String value) {
        this.sessionType = sessionType;
        this.dtype = dtype;
        this.value = value;
    }

    public int sessionType() {
        return sessionType;
    }

    public int dtype() {
        return dtype;
    }

    public String value() {
        return value;
    }

    public static Optional<InboxCategory> ofSessionType(int sessionType) {
        return Arrays.stream(values()).filter(c -> c.sessionType == sessionType).findFirst();
    }

    public static Optional<InboxCategory> ofDtype(int dtype) {
        return Arrays.stream(values()).filter(c -> c.dtype == dtype).findFirst();
    }

    public static Optional<InboxCategory> ofValue(String value) {
        return Arrays.stream(values()).filter(c -> c.value.equals(value)).findFirst();
    }

    /** A session type the seed knows: a user, a group, an inbox category or a public account. */
    public static boolean isSessionType(int type) {
        return type == USER_SESSION || type == GROUP_SESSION || type == PUBLIC_ACCOUNT_SESSION || ofSessionType(type).isPresent();
    }
}
