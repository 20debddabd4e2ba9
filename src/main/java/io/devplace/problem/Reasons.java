package io.devplace.problem;

import io.devplace.capacity.Fit;
import io.devplace.capacity.Instance;
import io.devplace.model.Host;
import io.devplace.model.Reason;

import java.util.List;
import java.util.Map;

/**
 * Every reason text the planner, {@code explain}, what-if and the service give (docs/reference/reason-codes.md): one
 * wording per situation, whoever finds it. The structured fields name the host, the parent and, where one is to
 * blame, the VM.
 */
public final class Reasons {
    private Reasons() {}

    public static Reason fromFit(Fit f, ParentView p, List<Instance> present) {
        String host = p.host().name();
        return switch (f.shortfall()) {
            case TYPE_LOCKED -> {
                String lockType = present.isEmpty() ? null : present.get(0).type();
                String holder = present.isEmpty() ? null : p.owner(present.get(0).uuid() == null ? "" : present.get(0).uuid());
                yield new Reason(Reason.TYPE_LOCKED, host, p.id(), holder, host + " " + p.id() + " is locked to "
                        + (lockType == null ? "another type" : lockType) + (holder == null ? " by a free mdev" : " by " + holder));
            }
            case FRAGMENTED -> new Reason(Reason.FRAGMENTED, host, p.id(), null,
                    host + " " + p.id() + " has free slots, but no free run of the needed size at an offset the type may start at");
            default -> new Reason(Reason.INSUFFICIENT_DEVICE_CAPACITY, host, p.id(), null, host + " " + p.id() + ": " + f.detail());
        };
    }

    public static Reason insufficientCpu(String host, long freeCpus, String vm, long cpus) {
        return new Reason(Reason.INSUFFICIENT_CPU, host, null, null, host + " has " + Math.max(0, freeCpus) + " vCPUs free, " + vm + " needs " + cpus);
    }

    public static Reason insufficientMemory(String host, long freeMiB, String vm, long memoryMiB) {
        return new Reason(Reason.INSUFFICIENT_MEMORY, host, null, null, host + " has " + Math.max(0, freeMiB) + " MiB free, " + vm + " needs " + memoryMiB);
    }

    public static Reason antiAffinity(String host, String holder, String group) {
        return new Reason(Reason.ANTI_AFFINITY, host, null, holder, host + " holds " + holder + " of anti-affinity group " + group);
    }

    public static Reason downtimeCap(String host, long downtimeMs, long capMs) {
        return new Reason(Reason.DOWNTIME_CAP, host, null, null,
                "estimated downtime " + downtimeMs + " ms to " + host + " exceeds the cap of " + capMs + " ms");
    }

    /** Every combination of targets failed only because a free instance it would reuse is taken by another VM. */
    public static Reason freeInstancesTaken(String host) {
        return new Reason(Reason.INSUFFICIENT_DEVICE_CAPACITY, host, null, null, "every compatible free mdev on " + host + " is already taken");
    }

    public static Reason displacedByPriority(String host, String vm, List<String> higher) {
        return new Reason(Reason.DISPLACED_BY_PRIORITY, host, null, higher.get(0),
                vm + " would fit on " + host + " but for higher-priority VMs this plan moves there (" + String.join(", ", higher) + ")");
    }

    /** {@code detail}: {@link Mobility#unmovable()} or {@link Mobility#notLive()}. */
    public static Reason notLiveMigratable(String host, String vm, String detail) {
        return new Reason(Reason.NOT_LIVE_MIGRATABLE, host, null, vm, detail);
    }

    /** A pack {@code requires} that fails (on the source host, or on every target parent of the host). */
    public static Reason hostRequirement(String host, String failure) {
        return new Reason(Reason.HOST_REQUIREMENT, host, null, null, failure);
    }

    /** No parent of {@code host} can create a device compatible with a fleet VM's device {@code index}. */
    public static Reason noCompatibleDevice(String host, String sourceType, int index) {
        return new Reason(Reason.NO_COMPATIBLE_DEVICE, host, null, null,
                "no parent on " + host + " can create a device compatible with " + sourceType + " (device " + index + ")");
    }

    /** A fleet VM's device {@code index} has a descriptor that cannot be built: nothing is compatible with it. */
    public static Reason invalidDescriptor(String host, int index, String error) {
        return new Reason(Reason.NO_COMPATIBLE_DEVICE, host, null, null, "device " + index + ": " + error);
    }

    /** No parent of {@code host} can create the type and attrs a new VM's device {@code index} asks for. */
    public static Reason cannotCreate(String host, String type, List<Map<String, String>> attrs, int index) {
        return new Reason(Reason.NO_COMPATIBLE_DEVICE, host, null, null,
                "no parent on " + host + " can create " + type + (attrs.isEmpty() ? "" : " with attrs " + attrs) + " (device " + index + ")");
    }

    /** A scheduler asked about a node the fleet does not hold. */
    public static Reason notInFleet(String host) {
        return new Reason(Reason.NO_COMPATIBLE_DEVICE, host, null, null, host + " is not a host of the fleet (node names must equal fleet host names)");
    }

    /** An evacuee that fits a host in the plan's final state, but no order of waves gets it there. */
    public static Reason noFeasibleOrder(String host, String vm) {
        return new Reason(Reason.INSUFFICIENT_DEVICE_CAPACITY, host, null, null,
                vm + " fits " + host + " only in the final state; no order of waves reaches it with every step feasible");
    }

    /** The detail of NOT_A_TARGET for a VM's own host. */
    public static String runsThere(String vm, String host) { return vm + " runs on " + host + " now"; }

    /** The detail of a host that is never a target ({@link FleetView#isTargetable} false): draining or down. */
    public static String notATarget(Host host) { return host.name() + " is " + host.state().wire() + " and never a target"; }
}
