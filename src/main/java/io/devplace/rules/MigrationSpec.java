package io.devplace.rules;

import io.devplace.model.Descriptor;

import java.util.List;
import java.util.Map;

/**
 * A pack's {@code migration} block (docs/reference/rulepack.md): whether the driver can live-migrate its devices at all ({@code live},
 * with the reason and its source in {@code why}), how many moves per wave one parent takes part in
 * ({@code maxParallelPerParent}, 0 = no limit), and the descriptor template ({@code self}, {@code compatible}).
 */
public record MigrationSpec(Boolean live, String why, Long maxParallelPerParent, Map<String, String> self,
                            List<Map<String, Object>> compatible) {
    public boolean liveMigratable() { return live == null || live; }

    public long parallelPerParent() { return maxParallelPerParent == null ? 0 : maxParallelPerParent; }

    /** The descriptor template, or null when the pack gives neither {@code self} nor {@code compatible} (built-in default applies). */
    public Descriptor descriptor() {
        return self == null && compatible == null ? null : new Descriptor(self, compatible);
    }
}
