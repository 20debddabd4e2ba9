package io.devplace.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Lifecycle state of a host. {@code draining} and {@code down} hosts must be emptied and are never targets. */
public enum HostState {
    ACTIVE, DRAINING, DOWN;

    @JsonValue
    public String wire() { return name().toLowerCase(); }

    @JsonCreator
    public static HostState of(String s) {
        for (HostState v : values()) if (v.wire().equals(s)) return v;
        throw new IllegalArgumentException("expected one of active, draining, down but got '" + s + "'");
    }
}
