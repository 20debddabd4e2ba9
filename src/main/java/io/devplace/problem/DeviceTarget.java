package io.devplace.problem;

import io.devplace.capacity.Instance;
import io.devplace.capacity.PackCapacity;

import java.util.List;
import java.util.Map;

/**
 * Where one source device could go: a target parent and type with the attrs to write, and either a new instance
 * ({@code reuseUuid == null}) or an existing free one of the same type and attrs.
 */
public record DeviceTarget(SourceDevice source, ParentView parent, String type, List<Map<String, String>> attrs,
                           long aggregation, String reuseUuid, String rule) {
    public boolean reuses() { return reuseUuid != null; }

    /** The plan's word for this target (docs/reference/plan.md): reuse; else create (an mdev), or configure (a free VF of a VF-based parent). */
    public String action() { return reuses() ? "reuse" : parent.parent().vfBased() ? "configure" : "create"; }

    /** The field that names an instance on this target's parent: {@code vf} (an address) on VF-based parents, else {@code uuid}. */
    public String instanceField() { return parent.parent().vfBased() ? "vf" : "uuid"; }

    /**
     * The attrs capacity tells new instances apart by: this target's attrs where its parent's pack declares exclusive
     * resources (the attrs name what the instance holds), else none, so that alike targets share one verdict.
     */
    public List<Map<String, String>> capacityAttrs() {
        return parent.capacity() instanceof PackCapacity pc && pc.holdsResources() ? attrs : List.of();
    }

    /** The instance this target creates, as capacity judges it. */
    public Instance asNewInstance() { return Instance.added(type, aggregation, capacityAttrs()); }

    /** The same target for another source device (a VM whose devices look alike to the rules). */
    public DeviceTarget withSource(SourceDevice other) {
        return other == source ? this : new DeviceTarget(other, parent, type, attrs, aggregation, reuseUuid, rule);
    }
}
