package io.devplace.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** {@code Authorization: Bearer <token>} against the token file's content, compared in constant time. */
final class BearerAuth {
    private final byte[] token; // null: no authentication configured

    BearerAuth(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    boolean allows(String authorization) {
        if (token == null) return true;
        if (authorization == null) return false;
        String a = authorization.trim();
        if (a.length() < 7 || !a.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
        byte[] given = a.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        // MessageDigest.isEqual takes time independent of where the first difference is (JDK 6u17+)
        return MessageDigest.isEqual(token, given);
    }
}
