package io.devplace.model;

import java.util.List;

public record Vm(String name, String host, long cpus, long memoryMiB, long priority, Boolean liveMigratable,
                 List<String> groups, List<VmDevice> devices) {
    public Vm {
        liveMigratable = liveMigratable == null ? Boolean.TRUE : liveMigratable;
        groups = groups == null ? List.of() : List.copyOf(groups);
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    public boolean isLiveMigratable() { return liveMigratable; }
}
