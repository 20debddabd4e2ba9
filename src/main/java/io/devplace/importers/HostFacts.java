package io.devplace.importers;

/**
 * What the operator tells an import about the host itself. mdevctl, libvirt's node devices and sysfs say nothing
 * about schedulable vCPUs or memory, so these come from the command line ({@code --cpus}, {@code --memory-mib});
 * 0 means "not given" and merges with any other value.
 */
public record HostFacts(String name, long cpus, long memoryMiB) {
    public HostFacts {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a host name is required");
        if (cpus < 0 || memoryMiB < 0) throw new IllegalArgumentException("cpus and memoryMiB must be >= 0");
    }

    public static HostFacts named(String name) { return new HostFacts(name, 0, 0); }
}
