package org.pushplatform.chat.accounts;

import org.pushplatform.service.HexHmac;

/**
 * Client tokens an app's backend signs itself, without asking the platform: {@code <accountId>.s~<expires>~<sign>},
 * {@code sign} the hex HMAC-SHA256, keyed with the app's chat signing key, of {@code <app>:<accountId>:<expires>},
 * {@code expires} in seconds since the epoch. The part after the last dot has no dot, as a minted token's secret.
 */
public final class SignedTokens {

    static final String PREFIX = "s~";
    private static final int MAX_EXPIRES_DIGITS = 12;

    private SignedTokens() {
    }

    /** Whether a presented secret is the signed kind. */
    public static boolean isSigned(String secret) {
        return secret.startsWith(PREFIX);
    }

    /** Whether the signed secret is right for the app's key and account and not expired at {@code nowSeconds}. */
    public static boolean valid(String key, String app, String accountId, String secret, long nowSeconds) {
        String[] parts = secret.substring(PREFIX.length()).split("~", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[0].length() > MAX_EXPIRES_DIGITS || !parts[0].chars().allMatch(Character::isDigit)) {
            return false;
        }
        if (Long.parseLong(parts[0]) <= nowSeconds) {
            return false;
        }
        return HexHmac.matches(parts[1], HexHmac.sha256(key, app + ':' + accountId + ':' + parts[0]));
    }

    /** The token a backend makes (what this class checks), for tests and tools. */
    public static String token(String key, String app, String accountId, long expires) {
        return accountId + '.' + PREFIX + expires + '~' + HexHmac.sha256(key, app + ':' + accountId + ':' + expires);
    }
}
