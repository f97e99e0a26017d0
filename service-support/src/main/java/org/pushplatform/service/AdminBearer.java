package org.pushplatform.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** The admin REST APIs' one rule: a path under {@code /admin} needs {@code Authorization: Bearer <admin token>}. */
public final class AdminBearer {

    private final byte[] expected;
    private final byte[] expectedToken;

    public AdminBearer(String adminToken) {
        this.expected = ("Bearer " + adminToken).getBytes(StandardCharsets.UTF_8);
        this.expectedToken = adminToken.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * True for a request that carries the admin token as a bearer token, or as the password of HTTP Basic (any user
     * name: the way a browser opening the API's documentation can give it).
     */
    public boolean carriesToken(String authorization) {
        if (authorization == null) {
            return false;
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String credentials;
            try {
                credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return false;
            }
            int colon = credentials.indexOf(':');
            return colon >= 0 && MessageDigest.isEqual(expectedToken, credentials.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        }
        // constant-time comparison: the token must not leak through timing
        return MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.UTF_8));
    }

    /** True for a path outside {@code /admin}, or a request that carries the admin token. */
    public boolean allows(String path, String authorization) {
        if (!path.startsWith("/admin")) {
            return true;
        }
        return carriesToken(authorization);
    }
}
