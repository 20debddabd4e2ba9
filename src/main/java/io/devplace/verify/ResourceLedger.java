package io.devplace.verify;

import io.devplace.capacity.Instance;
import io.devplace.model.ParentDevice;
import io.devplace.rules.GovernedParent;
import io.devplace.rules.ResourceSpec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who holds each exclusive resource of one parent (a pack's {@code capacity.resources}, e.g. vfio_ap's APQNs) while a
 * plan is replayed: the verifier's own bookkeeping, apart from the capacity model the planner shares, so that a slip
 * in one is not repeated in the other. It reads a written value with the pack's rule ({@link ResourceSpec}) and
 * nothing else of the planner.
 */
final class ResourceLedger {
    private final ResourceSpec spec;
    private final String parent;
    /** The resources the parent offers; null = any. */
    private final Set<String> offered;
    private final Map<String, String> holder = new HashMap<>();

    private ResourceLedger(ResourceSpec spec, String parent, Set<String> offered) {
        this.spec = spec;
        this.parent = parent;
        this.offered = offered;
    }

    /** The ledger of a parent whose pack declares resources, holding what its existing instances hold; else null. */
    static ResourceLedger of(GovernedParent gp, String key, List<Instance> existing) {
        ResourceSpec rs = gp.resources();
        if (rs == null) return null;
        ParentDevice p = gp.parent();
        Set<String> offered;
        try {
            offered = rs.offeredBy(p.attributes());
        } catch (IllegalArgumentException e) {
            offered = Set.of(); // an unreadable list offers nothing (validation rejects it)
        }
        ResourceLedger l = new ResourceLedger(rs, key, offered);
        for (Instance i : existing) for (String r : rs.held(i.attrs()).resources()) l.holder.putIfAbsent(r, i.uuid());
        return l;
    }

    /** A new instance {@code uuid} with {@code attrs} takes its resources; each one it cannot take is a violation. */
    void claim(String what, String uuid, List<Map<String, String>> attrs, Violations v) {
        ResourceSpec.Held h = spec.held(attrs);
        for (String bad : h.unreadable()) v.add(what + ": new " + uuid + " on " + parent + ": " + bad);
        for (String r : h.resources()) {
            if (offered != null && !offered.contains(r))
                v.add(what + ": new " + uuid + " on " + parent + " claims " + spec.describe(r) + ", which " + parent + " does not offer");
            String prev = holder.putIfAbsent(r, uuid);
            if (prev != null && !prev.equalsIgnoreCase(uuid))
                v.add(what + ": new " + uuid + " on " + parent + " claims " + spec.describe(r) + ", held by " + prev);
        }
    }

    /** Instance {@code uuid} is gone (removed, or its VM left): its resources are free. */
    void release(String uuid) {
        if (uuid != null) holder.values().removeIf(h -> h != null && h.equalsIgnoreCase(uuid));
    }
}
