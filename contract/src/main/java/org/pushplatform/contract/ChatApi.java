package org.pushplatform.contract;

import java.util.Set;

/**
 * The chat API's client events, as the seed names them (with spaces), and its client token: a token the platform
 * mints for an account reads {@code <accountId>.<secret>}, so a gateway can key a connection's frames by its account
 * from the handshake, before chat-service has checked the secret.
 */
public final class ChatApi {

    /** The wire API's name on frames and deliveries. */
    public static final String API = "chat";
    public static final String SEND_MESSAGE = "send message";
    public static final String SEND_GROUP_MESSAGE = "send group message";
    public static final String UNREAD_COUNT = "unread count";
    public static final String CLEAR_UNREAD = "clear unread";
    public static final String CLEAR_ALL_UNREAD = "clear all unread";
    public static final String CURRENT_CHAT = "current chat";
    public static final String UPLOAD_TOKEN = "upload token";
    public static final String SHAKE = "shake shake";
    public static final String REMOVE_SESSION = "remove session";
    public static final String VOICE_AS_READ = "voice as read";
    public static final String GROUP_SHAKE = "group shake";
    public static final String OPERATE = "operate";
    public static final String INBOX_UNREAD = "inbox unread";
    public static final String ALL_UNREAD = "all unread";
    public static final String CLEAR_NOTIFICATION = "clear notification";
    /** The "To Server" events of the seed. */
    public static final Set<String> CLIENT_EVENTS = Set.of(CURRENT_CHAT, OPERATE, UNREAD_COUNT, ALL_UNREAD, CLEAR_UNREAD,
        CLEAR_ALL_UNREAD, INBOX_UNREAD, SEND_MESSAGE, SEND_GROUP_MESSAGE, UPLOAD_TOKEN, REMOVE_SESSION, SHAKE,
        GROUP_SHAKE, CLEAR_NOTIFICATION, VOICE_AS_READ);
    /** An account or group id longer than this is refused wherever it enters. */
    public static final int MAX_ACCOUNT_ID = 64;
    private static final int MAX_TOKEN = 256;

    private ChatApi() {
    }

    /** Whether the text can be an account or group id: 1 to {@link #MAX_ACCOUNT_ID} characters. */
    public static boolean isId(String id) {
        return id != null && !id.isEmpty() && id.length() <= MAX_ACCOUNT_ID;
    }

    /** The account a client token names; null when the text is no token of ours. */
    public static String accountOfToken(String token) {
        if (token == null || token.length() > MAX_TOKEN) {
            return null;
        }
        int dot = token.lastIndexOf('.');
        if (dot <= 0 || dot > MAX_ACCOUNT_ID || dot == token.length() - 1) {
            return null;
        }
        return token.substring(0, dot);
    }
}
