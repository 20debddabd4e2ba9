package io.devplace.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a driver can do (docs/reference/rulepack.md): which parents it governs, host requirements, capacity, types, descriptor template. */
public record RulePack(String apiVersion, String kind, String name, String description, Map<String, String> match,
                       Map<String, String> requires, String identifyTypesBy, String typeIdsHoldFor, CapacitySpec capacity,
                       Map<String, TypeSpec> types, MigrationSpec migration, String devices, VfSpec vf) {
    /** {@code devices}: the kind of parent a pack governs (docs/vf.md). */
    public static final String MDEV = "mdev", VF = "vf";

    public RulePack {
        devices = devices == null ? MDEV : devices;
        match = match == null ? Map.of() : new LinkedHashMap<>(match);
        requires = requires == null ? Map.of() : new LinkedHashMap<>(requires);
        capacity = capacity == null ? new CapacitySpec(null, null, null, null) : capacity;
        types = types == null ? Map.of() : new LinkedHashMap<>(types);
        identifyTypesBy = identifyTypesBy == null ? "id" : identifyTypesBy;
    }

    /** Whether this pack governs VF-based parents (SR-IOV VFs handed out whole) rather than mdev parents. */
    public boolean vfDevices() { return VF.equals(devices); }

    /**
     * {@code identifyTypesBy: name}: a parent that lists its {@code supportedTypes} has a pack type under the id it
     * reports for the type's {@code name} (driver releases number types differently; the name is stable).
     */
    public boolean identifiesTypesByName() { return "name".equals(identifyTypesBy); }

    /** Whether the driver can live-migrate this pack's devices (docs/reference/rulepack.md: {@code migration.live}, default true). */
    public boolean liveMigratable() { return migration == null || migration.liveMigratable(); }

    /** The reason given for {@code live: false}, or a generic one when the pack gives none. */
    public String notLiveWhy() {
        String why = migration == null ? null : migration.why();
        return why == null || why.isBlank() ? "the driver cannot live-migrate these devices" : why.trim();
    }

    /** At most this many moves per wave out of, and into, one parent of this pack; 0 = no limit. */
    public long maxParallelPerParent() { return migration == null ? 0 : migration.parallelPerParent(); }

    /** Names any type of this pack declares as its aggregation attribute: such an attribute is 1 on all other types. */
    public java.util.Set<String> aggregationAttrs() {
        java.util.Set<String> s = new java.util.TreeSet<>();
        for (TypeSpec t : types.values()) if (t.aggregation() != null) s.add(t.aggregation().attrName());
        return s;
    }
}
