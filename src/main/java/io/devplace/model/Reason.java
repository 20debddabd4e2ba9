package io.devplace.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Why a VM cannot go somewhere (docs/reference/reason-codes.md): a code, what it is about, and a sentence for people. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reason(String code, String host, String parent, String vm, String detail) {
    public static final String NOT_LIVE_MIGRATABLE = "NOT_LIVE_MIGRATABLE";
    public static final String NO_COMPATIBLE_DEVICE = "NO_COMPATIBLE_DEVICE";
    public static final String HOST_REQUIREMENT = "HOST_REQUIREMENT";
    public static final String INSUFFICIENT_DEVICE_CAPACITY = "INSUFFICIENT_DEVICE_CAPACITY";
    public static final String TYPE_LOCKED = "TYPE_LOCKED";
    public static final String FRAGMENTED = "FRAGMENTED";
    public static final String INSUFFICIENT_CPU = "INSUFFICIENT_CPU";
    public static final String INSUFFICIENT_MEMORY = "INSUFFICIENT_MEMORY";
    public static final String ANTI_AFFINITY = "ANTI_AFFINITY";
    public static final String DOWNTIME_CAP = "DOWNTIME_CAP";
    public static final String DISPLACED_BY_PRIORITY = "DISPLACED_BY_PRIORITY";
}
