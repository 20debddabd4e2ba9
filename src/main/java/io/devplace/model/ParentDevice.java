package io.devplace.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parent device (PCI PF, CCW subchannel, AP matrix, SR-IOV PF with VFs...), identified bus-agnostically. A parent
 * lists {@code mdevs} (mdev-based) or {@code vfs} (VF-based), never both.
 */
@JsonPropertyOrder({"id", "driver", "model", "numaNode", "iommuGroup", "attributes", "supportedTypes", "vfs", "mdevs"})
public record ParentDevice(String id, String driver, String model, Long numaNode, Long iommuGroup,
                           Map<String, String> attributes, Map<String, SupportedType> supportedTypes,
                           List<Mdev> mdevs, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Vf> vfs) {
    public ParentDevice {
        attributes = attributes == null ? Map.of() : new LinkedHashMap<>(attributes);
        supportedTypes = supportedTypes == null ? Map.of() : new LinkedHashMap<>(supportedTypes);
        mdevs = mdevs == null ? List.of() : List.copyOf(mdevs);
        vfs = vfs == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(vfs));
    }

    /** An mdev-based parent (or one with nothing on it yet). */
    public ParentDevice(String id, String driver, String model, Long numaNode, Long iommuGroup, Map<String, String> attributes,
                        Map<String, SupportedType> supportedTypes, List<Mdev> mdevs) {
        this(id, driver, model, numaNode, iommuGroup, attributes, supportedTypes, mdevs, null);
    }

    /** Whether the driver hands out whole SR-IOV VFs here (the parent lists {@code vfs}). */
    public boolean vfBased() { return !vfs.isEmpty(); }

    /**
     * The existing instances on this parent, owned or free: its mdevs, or its VFs that are set to a type (each seen as
     * an instance whose id is the VF's address). Capacity, ownership and compatibility treat both alike.
     */
    public List<Mdev> instances() {
        if (vfs.isEmpty()) return mdevs;
        List<Mdev> out = new java.util.ArrayList<>();
        for (Vf v : vfs) if (v != null && v.configured()) out.add(v.asInstance());
        return out;
    }

    /** The VF with this address, or null. */
    public Vf vf(String address) {
        for (Vf v : vfs) if (v != null && v.id() != null && v.id().equalsIgnoreCase(address)) return v;
        return null;
    }
}
