package org.pushplatform.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The admin REST APIs' one rule: a path under {@code /admin} needs {@code Authorization: Bearer <admin token>}. */
public final class AdminBearer {

    private final byte[] expected;

    public AdminBearer(String adminToken) {
        this.expected = ("Bearer " + adminToken).getBytes(StandardCharsets.UTF_8);
    }

    /** True for a path outside {@code /admin}, or a request that carries the admin token. */
    public boolean allows(String path, String authorization) {
        if (!path.startsWith("/admin")) {
            return true;
        }
        // constant-time comparison: the token must not leak through timing
        return authorization != null && MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.UTF_8));
    }
}
