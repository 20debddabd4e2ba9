package io.devplace.planning;

import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;

/** RFC 4122 version-4 UUIDs for new mdevs; seeded, so {@code --seed} gives byte-identical plans. */
public final class UuidSource {
    private final Random random;

    public UuidSource(Long seed) { this.random = seed == null ? new SecureRandom() : new Random(seed); }

    public String next() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40); // version 4
        b[8] = (byte) ((b[8] & 0x3f) | 0x80); // IETF variant
        long hi = 0, lo = 0;
        for (int i = 0; i < 8; i++) hi = (hi << 8) | (b[i] & 0xff);
        for (int i = 8; i < 16; i++) lo = (lo << 8) | (b[i] & 0xff);
        return new UUID(hi, lo).toString();
    }
}
