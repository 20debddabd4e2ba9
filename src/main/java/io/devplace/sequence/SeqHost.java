package io.devplace.sequence;

/** A host's CPU/memory capacity and current use, and its per-wave migration limits. */
public record SeqHost(String name, long cpus, long memoryMiB, long usedCpus, long usedMemoryMiB, long maxInbound,
                      long maxOutbound, boolean down) {}
