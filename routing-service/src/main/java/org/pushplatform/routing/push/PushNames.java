package org.pushplatform.routing.push;

import com.fasterxml.jackson.databind.JsonNode;
import org.pushplatform.routing.messages.AppNames;

/** Aliases and channel names: the app's names, by the rule every API shares ({@link AppNames}). */
final class PushNames {

    private PushNames() {
    }

    static String name(JsonNode value, String field) {
        String name = value == null || !value.isTextual() ? null : value.asText();
        if (name == null || name.isEmpty() || name.length() > AppNames.MAX_LENGTH || !AppNames.hasOnlyAllowedCharacters(name)) {
            throw new PushFrameException(field + " must be 1-" + AppNames.MAX_LENGTH + " characters without spaces, '#' or '+'");
        }
        return name;
    }
}
