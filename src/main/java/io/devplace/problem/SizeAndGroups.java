package io.devplace.problem;

import io.devplace.model.Host;
import io.devplace.model.Reason;
import io.devplace.model.Vm;

/**
 * Whether a VM's size and groups fit a host, before any device is looked at: CPU, then memory, then hard
 * anti-affinity (the checks a kube-scheduler filter makes first). Pure: the caller says what is free and which
 * VMs are there, so the planner's problem builder (room after what certainly stays), the replay and repairs, {@code explain},
 * what-if and the service (room in some state) all ask the same rule and get the same reason texts.
 */
public final class SizeAndGroups {
    private SizeAndGroups() {}

    /** Null when {@code vm}'s vCPUs and memory fit into what {@code host} has free; else the first that does not. */
    public static Reason size(Vm vm, Host host, long freeCpus, long freeMemoryMiB) {
        if (vm.cpus() > freeCpus) return Reasons.insufficientCpu(host.name(), freeCpus, vm.name(), vm.cpus());
        if (vm.memoryMiB() > freeMemoryMiB) return Reasons.insufficientMemory(host.name(), freeMemoryMiB, vm.name(), vm.memoryMiB());
        return null;
    }

    /** The first of {@code vm}'s groups that {@code other} (another VM; never {@code vm} itself) is in too, or null. */
    public static String sharedGroup(Vm vm, Vm other) {
        if (other.name().equals(vm.name())) return null;
        for (String g : vm.groups()) if (other.groups().contains(g)) return g;
        return null;
    }
}
