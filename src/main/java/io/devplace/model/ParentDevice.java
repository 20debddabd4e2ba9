package io.devplace.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parent device (PCI PF, CCW subchannel, AP matrix, SR-IOV PF with VFs...), identified bus-agnostically. */
public record ParentDevice(String id, String driver, String model, Long numaNode, Long iommuGroup,
                           Map<String, String> attributes, Map<String, SupportedType> supportedTypes,
                           List<Mdev> mdevs) {
    public ParentDevice {
        attributes = attributes == null ? Map.of() : new LinkedHashMap<>(attributes);
        supportedTypes = supportedTypes == null ? Map.of() : new LinkedHashMap<>(supportedTypes);
        mdevs = mdevs == null ? List.of() : List.copyOf(mdevs);
    }
}
