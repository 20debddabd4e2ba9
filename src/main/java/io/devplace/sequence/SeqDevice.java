package io.devplace.sequence;

import java.util.List;
import java.util.Map;

/**
 * One device of a move: the source instance it frees, and the target instance it creates (or reuses), with the attrs
 * it is created with (they may name exclusive resources the new instance holds).
 */
public record SeqDevice(String sourceParent, String sourceUuid, String targetParent, String type, long aggregation,
                        String reuseUuid, String newUuid, List<Map<String, String>> attrs) {
    public SeqDevice {
        attrs = attrs == null ? List.of() : attrs;
    }

    public boolean reuses() { return reuseUuid != null; }
}
