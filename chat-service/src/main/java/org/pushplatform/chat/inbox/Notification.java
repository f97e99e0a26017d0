package org.pushplatform.chat.inbox;

import java.util.regex.Pattern;

import org.pushplatform.contract.ChatApi;

/**
 * An inbox notification another team sends for an account: its id (a replay with the same id counts once), its
 * category, the seed's {@code new notify} type (mentioned, comment, systemmessage, ...) and a text for the inbox.
 */
public record Notification(String app, String accountId, String id, InboxCategory category, String type, String text) {

    static final int MAX_ID = 128;
    static final int MAX_TEXT = 2000;
    private static final Pattern TYPE = Pattern.compile("[a-z]{1,32}");

    /** A notification from its fields as they came, or why it cannot be one. */
    public static Checked of(String app, String accountId, String id, String category, String type, String text) {
        if (app == null || app.isEmpty() || app.length() > ChatApi.MAX_ACCOUNT_ID || !ChatApi.isId(accountId)) {
            return Checked.refused("app and account must be ids of 1 to " + ChatApi.MAX_ACCOUNT_ID + " characters");
        }
        if (id == null || id.isEmpty() || id.length() > MAX_ID) {
            return Checked.refused("id must be 1 to " + MAX_ID + " characters");
        }
        var known = category == null ? null : InboxCategory.ofValue(category).orElse(null);
        if (known == null) {
            return Checked.refused("category must be system, post, calendar, task or knowledge");
        }
        if (type == null || !TYPE.matcher(type).matches()) {
            return Checked.refused("type must be 1 to 32 lower-case letters, as the seed's (mentioned, comment, systemmessage, ...)");
        }
        if (text != null && text.length() > MAX_TEXT) {
            return Checked.refused("text must be at most " + MAX_TEXT + " characters");
        }
        return new Checked(new Notification(app, accountId, id, known, type, text == null ? "" : text), null);
    }

    /** A notification, or why there is none. */
    public record Checked(Notification notification, String problem) {
        public static Checked refused(String problem) {
            return new Checked(null, problem);
        }
    }
}
