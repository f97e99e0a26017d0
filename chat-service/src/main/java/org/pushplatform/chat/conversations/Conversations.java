package org.pushplatform.chat.conversations;

/** How conversations are named: one id per pair of accounts, whichever of the two writes first, and one per group. */
public final class Conversations {

    /** {@code conversation.kind} of a 1:1 conversation. */
    public static final short DIRECT = 1;
    /** {@code conversation.kind} of a group's conversation. */
    public static final short GROUP = 2;

    private Conversations() {
    }

    /** The 1:1 conversation of two accounts: the same id from either side, and no two pairs share one. */
    public static String direct(String accountId, String otherId) {
        String first = accountId.compareTo(otherId) <= 0 ? accountId : otherId;
        String second = first.equals(accountId) ? otherId : accountId;
        return "u:" + first.length() + ':' + first + ':' + second;
    }

    /** A group's conversation. */
    public static String group(String groupId) {
        return "g:" + groupId;
    }
}
