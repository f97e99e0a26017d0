package org.pushplatform.routing.push;

import com.fasterxml.jackson.databind.JsonNode;

/** Aliases and channel names: 1-128 characters without whitespace, control characters, {@code #} or {@code +}, as pubsub's. */
final class PushNames {

    private static final int MOST = 128;

    private PushNames() {
    }

    static String name(JsonNode value, String field) {
        String name = value == null || !value.isTextual() ? null : value.asText();
        if (name == null || name.isEmpty() || name.length() > MOST || !name.codePoints().allMatch(PushNames::allowed)) {
            throw new PushFrameException(field + " must be 1-" + MOST + " characters without spaces, '#' or '+'");
        }
        return name;
    }

    private static boolean allowed(int c) {
        return !Character.isWhitespace(c) && !Character.isISOControl(c) && c != '#' && c != '+';
    }
}
