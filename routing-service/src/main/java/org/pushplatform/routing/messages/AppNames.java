package org.pushplatform.routing.messages;

/** Topic and alias names, the app's one name space across APIs: the same rule for every API that names them. */
public final class AppNames {

    public static final int MAX_LENGTH = 128;

    private AppNames() {
    }

    /** No whitespace, control characters, {@code #} or {@code +} (the seed's wildcard characters). */
    public static boolean hasOnlyAllowedCharacters(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '#' || c == '+') {
                return false;
            }
        }
        return true;
    }
}
