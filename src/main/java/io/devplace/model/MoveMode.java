package io.devplace.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a VM moves (docs/reference/plan.md item 1): live migration, cold (stop, move, start), or restart after its host went down. */
public enum MoveMode {
    LIVE, COLD, RESTART;

    @JsonValue
    public String wire() { return name().toLowerCase(); }

    @JsonCreator
    public static MoveMode of(String s) {
        for (MoveMode m : values()) if (m.wire().equals(s)) return m;
        throw new IllegalArgumentException("expected one of live, cold, restart but got '" + s + "'");
    }
}
