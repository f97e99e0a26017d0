package org.pushplatform.routing.messages;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

/** A message's body, whichever API sends it: any JSON value (the seeds send strings), bounded in size. */
public final class MessageBodies {

    public static final int MAX_BYTES = 64 * 1024;

    private MessageBodies() {
    }

    /** True when the body takes more than {@link #MAX_BYTES} encoded (a string: its UTF-8 text; else its JSON). */
    public static boolean tooLarge(JsonNode msg) {
        String text = msg.isTextual() ? msg.asText() : msg.toString();
        // a UTF-8 character takes at most 3 bytes per UTF-16 unit, so short texts need no encoding to be checked
        return text.length() > MAX_BYTES
            || (text.length() * 3 > MAX_BYTES && text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES);
    }
}
