package io.devplace.model;

/** Per-host migration settings; each null falls back to the policy. */
public record MigrationLimits(Long bandwidthMiBps, Long maxInbound, Long maxOutbound) {}
