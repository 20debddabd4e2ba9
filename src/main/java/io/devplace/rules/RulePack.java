package io.devplace.rules;

import io.devplace.model.Descriptor;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a driver can do (SPEC §1.2): which parents it governs, host requirements, capacity, types, descriptor template. */
public record RulePack(String apiVersion, String kind, String name, String description, Map<String, String> match,
                       Map<String, String> requires, CapacitySpec capacity, Map<String, TypeSpec> types,
                       Descriptor migration, String devices, VfSpec vf) {
    /** {@code devices}: the kind of parent a pack governs (SPEC §1.2.3). */
    public static final String MDEV = "mdev", VF = "vf";

    public RulePack {
        devices = devices == null ? MDEV : devices;
        match = match == null ? Map.of() : new LinkedHashMap<>(match);
        requires = requires == null ? Map.of() : new LinkedHashMap<>(requires);
        capacity = capacity == null ? new CapacitySpec(null, null, null) : capacity;
        types = types == null ? Map.of() : new LinkedHashMap<>(types);
    }

    /** Whether this pack governs VF-based parents (SR-IOV VFs handed out whole) rather than mdev parents. */
    public boolean vfDevices() { return VF.equals(devices); }

    /** Names any type of this pack declares as its aggregation attribute: such an attribute is 1 on all other types. */
    public java.util.Set<String> aggregationAttrs() {
        java.util.Set<String> s = new java.util.TreeSet<>();
        for (TypeSpec t : types.values()) if (t.aggregation() != null) s.add(t.aggregation().attrName());
        return s;
    }
}
