package io.devplace.server;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The fleet in use: one snapshot, replaced whole. Replacements are serialized, validation included (they are rare),
 * so that {@code If-Match} is checked against the very generation being replaced (412 otherwise); readers never wait.
 */
final class FleetStore {
    private final AtomicReference<FleetSnapshot> current = new AtomicReference<>();
    private final InputChecks checks;
    private final Clock clock;
    private final Consumer<FleetSnapshot> onReplace;

    FleetStore(InputChecks checks, Clock clock, Consumer<FleetSnapshot> onReplace) {
        this.checks = checks;
        this.clock = clock;
        this.onReplace = onReplace;
    }

    FleetSnapshot current() { return current.get(); }

    boolean loaded() { return current.get() != null; }

    /** Validates {@code bytes} as a Fleet and makes it current; {@code ifMatch} null or {@code *} means unconditional. */
    synchronized FleetSnapshot replace(String name, byte[] bytes, String ifMatch) {
        FleetSnapshot before = current.get();
        requireMatch(before, ifMatch);
        InputChecks.LoadedFleet loaded = checks.fleet(name, bytes);
        FleetSnapshot next = new FleetSnapshot(before == null ? 1 : before.generation() + 1, loaded, clock.instant());
        current.set(next);
        onReplace.accept(next);
        return next;
    }

    static void requireMatch(FleetSnapshot snap, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) return;
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) t = t.substring(2);
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) t = t.substring(1, t.length() - 1);
            if (snap != null && t.equals(Long.toString(snap.generation()))) return;
        }
        throw new HttpError(412, "If-Match " + ifMatch.trim() + " does not match the current fleet generation "
                + (snap == null ? "(none)" : snap.etag()) + "; GET /v1/fleet and retry", java.util.List.of(),
                java.util.Map.of("ETag", snap == null ? "\"0\"" : snap.etag()));
    }
}
