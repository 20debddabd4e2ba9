package io.devplace.fit;

import io.devplace.capacity.Fit;
import io.devplace.capacity.Instance;
import io.devplace.model.Host;
import io.devplace.model.Policy;
import io.devplace.model.Reason;
import io.devplace.model.Vm;
import io.devplace.problem.Combos;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.ParentView;
import io.devplace.problem.Reasons;
import io.devplace.problem.SizeAndGroups;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one filter over a {@link FleetState}, the way kube-scheduler's resource-fit plugin is one pure function with many
 * callers: whether a VM's size and groups ({@link SizeAndGroups}) and one combination of device targets fit a host
 * as the state stands. {@link HostFit} (explain, the plan's reasons), {@link NewVmFit} and {@link PreferredFit} (the
 * service) search combinations with it; the planner's replay and repairs ask it about the one option they hold.
 * Never changes the state.
 */
public final class Room {
    /**
     * Combinations of targets tried per host before the search gives up. Fleet VMs hold a few devices, each with a few
     * target parents per host, far below it; the cap bounds a VM whose devices could each go to many parents.
     */
    public static final int MAX_COMBOS = 256;

    private Room() {}

    /** CPU, memory and (with hard anti-affinity) groups in {@code state}; null when all pass. */
    public static Reason sizeAndGroups(FleetState state, Vm vm, Host host, Policy pol) { return sizeAndGroups(state, vm, host, pol, List.of()); }

    /** As above, as if the residents {@code without} had not come to {@code host}. */
    static Reason sizeAndGroups(FleetState state, Vm vm, Host host, Policy pol, List<FleetState.Resident> without) {
        long freedCpu = 0, freedMem = 0;
        for (FleetState.Resident r : without) { freedCpu += r.vm().cpus(); freedMem += r.vm().memoryMiB(); }
        Reason size = SizeAndGroups.size(vm, host, host.cpus() - state.usedCpus(host.name()) + freedCpu,
                host.memoryMiB() - state.usedMemory(host.name()) + freedMem);
        if (size != null || !pol.hardAntiAffinity() || vm.groups().isEmpty()) return size;
        for (FleetState.Resident r : state.residents(host.name())) {
            if (without.contains(r)) continue;
            String g = SizeAndGroups.sharedGroup(vm, r.vm());
            if (g != null) return Reasons.antiAffinity(host.name(), r.vm().name(), g);
        }
        return null;
    }

    /** Whether {@code vm} with exactly these targets fits {@code host} now (an option chosen already: no search). */
    public static boolean fits(FleetState state, Vm vm, Host host, List<DeviceTarget> targets, Policy pol) {
        return sizeAndGroups(state, vm, host, pol, List.of()) == null && placements(state, host, targets, List.of(), null, null) != null;
    }

    /**
     * Size and groups, then the first of the first {@link #MAX_COMBOS} combinations of {@code perDevice} (in the order
     * given) that fits: a verdict with its targets and slot offsets; else the reason — size or groups, the first
     * parent that could not take a combination, or every free instance to reuse taken. {@code without}: judge as if
     * these residents had not come to {@code host}. {@code fits} (may be null) remembers capacity answers on a state
     * nobody changes any more; it is used only for that very state with nobody left out.
     */
    public static HostVerdict first(FleetState state, Vm vm, Host host, List<List<DeviceTarget>> perDevice, Policy pol,
                                    List<FleetState.Resident> without, ParentFits fits) {
        Reason before = sizeAndGroups(state, vm, host, pol, without);
        if (before != null) return new HostVerdict(host.name(), null, null, before);
        ParentFits remembered = fits != null && fits.of(state) && without.isEmpty() ? fits : null;
        Reason[] firstMiss = new Reason[1];
        HostVerdict found = Combos.first(perDevice, MAX_COMBOS, combo -> {
            Long[] at = placements(state, host, combo, without, remembered, firstMiss);
            return at == null ? null : new HostVerdict(host.name(), List.copyOf(combo), Arrays.asList(at), null);
        });
        if (found != null) return found;
        return new HostVerdict(host.name(), null, null, firstMiss[0] != null ? firstMiss[0] : Reasons.freeInstancesTaken(host.name()));
    }

    /**
     * The slot offsets of {@code combo}'s targets (null for reused and offset-free ones) when it fits, else null: every
     * reused instance still there and reused by nobody else, every parent able to take its new instances. The first
     * parent that cannot is recorded in {@code firstMiss[0]} unless one is there already ({@code firstMiss} may be null).
     */
    private static Long[] placements(FleetState state, Host host, List<DeviceTarget> combo, List<FleetState.Resident> without,
                                     ParentFits fits, Reason[] firstMiss) {
        Map<ParentView, List<Instance>> added = new LinkedHashMap<>();
        Map<ParentView, List<Integer>> index = new LinkedHashMap<>();
        for (int i = 0; i < combo.size(); i++) {
            DeviceTarget t = combo.get(i);
            if (t.reuses()) {
                boolean present = false;
                for (Instance x : present(state, t.parent(), without)) if (t.reuseUuid().equalsIgnoreCase(x.uuid())) { present = true; break; }
                if (!present || state.reusedByAnyone(host.name(), t.reuseUuid())) return null;
                continue;
            }
            added.computeIfAbsent(t.parent(), p -> new ArrayList<>()).add(t.asNewInstance());
            index.computeIfAbsent(t.parent(), p -> new ArrayList<>()).add(i);
        }
        Long[] placements = new Long[combo.size()];
        for (var e : added.entrySet()) {
            List<Instance> present = present(state, e.getKey(), without);
            Fit f = fits != null ? fits.fit(e.getKey(), e.getValue()) : FleetState.fit(e.getKey().capacity(), present, e.getValue());
            if (!f.fits()) {
                if (firstMiss != null && firstMiss[0] == null) firstMiss[0] = Reasons.fromFit(f, e.getKey(), present);
                return null;
            }
            List<Integer> idx = index.get(e.getKey());
            for (int k = 0; k < idx.size(); k++) placements[idx.get(k)] = f.placements().get(k);
        }
        return placements;
    }

    private static List<Instance> present(FleetState state, ParentView p, List<FleetState.Resident> without) {
        return without.isEmpty() ? state.instances(p) : state.instancesWithout(p, without);
    }
}
