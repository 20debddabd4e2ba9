package io.devplace.model;

/** A type as observed in sysfs / {@code mdevctl types}: what the parent says it can still create. */
public record SupportedType(Long availableInstances, String name, String deviceApi, String description) {}
