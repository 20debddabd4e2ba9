package io.devplace.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public record Host(String name, long cpus, long memoryMiB, HostState state, Map<String, String> labels,
                   Map<String, String> attributes, MigrationLimits migration, List<ParentDevice> devices) {
    public Host {
        state = state == null ? HostState.ACTIVE : state;
        labels = labels == null ? Map.of() : new LinkedHashMap<>(labels);
        attributes = attributes == null ? Map.of() : new LinkedHashMap<>(attributes);
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    public ParentDevice parent(String id) {
        for (ParentDevice p : devices) if (p.id().equals(id)) return p;
        return null;
    }
}
