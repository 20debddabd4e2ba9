package io.devplace.sequence;

/** One device of a move: the source instance it frees, and the target instance it creates (or reuses). */
public record SeqDevice(String sourceParent, String sourceUuid, String targetParent, String type, long aggregation,
                        String reuseUuid, String newUuid) {
    public boolean reuses() { return reuseUuid != null; }
}
