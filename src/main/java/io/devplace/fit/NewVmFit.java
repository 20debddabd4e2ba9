package io.devplace.fit;

import io.devplace.capacity.Fit;
import io.devplace.capacity.Instance;
import io.devplace.model.Host;
import io.devplace.model.Mdev;
import io.devplace.model.Policy;
import io.devplace.model.Reason;
import io.devplace.model.Vm;
import io.devplace.problem.Attrs;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.ParentView;
import io.devplace.problem.Reasons;
import io.devplace.rules.Aggregation;
import io.devplace.rules.GovernedParent;
import io.devplace.rules.TypeInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges a VM that is not in the fleet yet (a new pod, a new VM asked for through the placement API) against one host.
 * {@link HostFit} needs a VM whose devices exist in the fleet view; a new VM has only requests. Its devices are judged
 * like those of a cold move (SPEC §2.2 item 1): the same type and attrs, no compatibility descriptor and no pack
 * {@code requires}, because nothing migrates. Then room: CPU, memory, hard anti-affinity, every target parent.
 * Never changes the state. Targets carry no source device ({@link DeviceTarget#source()} is null).
 */
public final class NewVmFit {
    /** Rule name reported for a new instance: like cold moves, it is allowed by type + attrs equality alone. */
    public static final String RULE = "same-type";

    /** Cap on device-target combinations tried per host, as in {@link HostFit}. */
    private static final int MAX_COMBOS = 256;

    private NewVmFit() {}

    public static HostVerdict judge(FleetState state, Vm vm, List<DeviceRequest> devices, Host host, Policy pol) {
        List<List<DeviceTarget>> perDevice = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            DeviceRequest d = devices.get(i);
            List<DeviceTarget> ts = targets(state, d, host, pol);
            if (ts.isEmpty())
                return new HostVerdict(host.name(), null, null, new Reason(Reason.NO_COMPATIBLE_DEVICE, host.name(), null, null,
                        "no parent on " + host.name() + " can create " + d.type() + (d.attrs().isEmpty() ? "" : " with attrs " + d.attrs())
                                + " (device " + i + ")"));
            perDevice.add(ts);
        }
        return room(state, vm, host, perDevice, pol);
    }

    /**
     * Every free existing instance to reuse, then every parent on {@code host} that can create the requested instance:
     * reuse comes first (SPEC §2.1), and new instances go to fuller parents first under {@code consolidate} (emptier
     * under {@code spread}) so that the first combination that fits is also the preferred one.
     */
    static List<DeviceTarget> targets(FleetState state, DeviceRequest d, Host host, Policy pol) {
        List<DeviceTarget> reuse = new ArrayList<>();
        List<DeviceTarget> create = new ArrayList<>();
        for (ParentView p : state.view().parents(host.name())) {
            GovernedParent g = p.governed();
            if (!g.knowsType(d.type()) || !p.capacity().canCreate(d.type())) continue;
            Long agg = aggregation(g, d);
            if (agg == null) continue;
            create.add(new DeviceTarget(null, p, d.type(), d.attrs(), agg, null, RULE));
            for (Mdev m : p.parent().mdevs()) {
                if (p.owner(m.uuid()) != null || !m.type().equals(d.type())) continue;
                if (!Attrs.same(m.attrs(), d.attrs(), g.aggregationAttrs())) continue;
                reuse.add(new DeviceTarget(null, p, d.type(), m.attrs(), g.aggregationOf(m.type(), m.attrs()), m.uuid(), RULE));
            }
        }
        reuse.addAll(create);
        return preferredOrder(state, reuse, pol);
    }

    /** Reuse before create; new instances on fuller parents first under consolidate, emptier under spread. Stable. */
    static List<DeviceTarget> preferredOrder(FleetState state, List<DeviceTarget> targets, Policy pol) {
        Comparator<DeviceTarget> fuller = Comparator.comparingInt(t -> -state.instances(t.parent()).size());
        Comparator<DeviceTarget> order = Comparator.comparingInt((DeviceTarget t) -> t.reuses() ? 0 : 1)
                .thenComparing(pol.spreadMode() ? fuller.reversed() : fuller);
        List<DeviceTarget> out = new ArrayList<>(targets);
        out.sort(order);
        return out;
    }

    /**
     * The aggregation value the request asks for on this parent, or null when the parent's pack does not allow it:
     * outside the type's [min, max], not a whole number, or not 1 on a type without aggregation (SPEC §1.2.1).
     */
    private static Long aggregation(GovernedParent g, DeviceRequest d) {
        TypeInfo t = g.type(d.type());
        Aggregation a = t == null ? null : t.aggregation();
        for (String attr : g.aggregationAttrs()) {
            String v = GovernedParent.attrValue(d.attrs(), attr);
            if (v == null) continue;
            long n;
            try {
                n = Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                return null;
            }
            boolean declared = a != null && a.attrName().equals(attr);
            if (!declared && n != 1) return null;
            if (declared && (n < a.minValue() || a.max() == null || n > a.max())) return null;
        }
        return g.aggregationOf(d.type(), d.attrs());
    }

    /** CPU, memory, hard anti-affinity, then the first combination of targets (in the order given) that fits every parent. */
    static HostVerdict room(FleetState state, Vm vm, Host host, List<List<DeviceTarget>> perDevice, Policy pol) {
        long freeCpu = host.cpus() - state.usedCpus(host.name());
        if (vm.cpus() > freeCpu)
            return miss(host, Reason.INSUFFICIENT_CPU, null, host.name() + " has " + Math.max(0, freeCpu) + " vCPUs free, " + vm.name() + " needs " + vm.cpus());
        long freeMem = host.memoryMiB() - state.usedMemory(host.name());
        if (vm.memoryMiB() > freeMem)
            return miss(host, Reason.INSUFFICIENT_MEMORY, null, host.name() + " has " + Math.max(0, freeMem) + " MiB free, " + vm.name() + " needs " + vm.memoryMiB());
        if (pol.hardAntiAffinity())
            for (FleetState.Resident r : state.residents(host.name()))
                for (String g : vm.groups())
                    if (!r.vm().name().equals(vm.name()) && r.vm().groups().contains(g))
                        return miss(host, Reason.ANTI_AFFINITY, r.vm().name(), host.name() + " holds " + r.vm().name() + " of anti-affinity group " + g);
        Reason firstMiss = null;
        for (List<DeviceTarget> combo : combos(perDevice)) {
            Map<ParentView, List<Instance>> added = new LinkedHashMap<>();
            Map<ParentView, List<Integer>> index = new LinkedHashMap<>();
            boolean ok = true;
            for (int i = 0; i < combo.size() && ok; i++) {
                DeviceTarget t = combo.get(i);
                if (t.reuses()) {
                    boolean present = state.instances(t.parent()).stream().anyMatch(x -> t.reuseUuid().equalsIgnoreCase(x.uuid()));
                    ok = present && !state.reusedByAnyone(host.name(), t.reuseUuid());
                    continue;
                }
                added.computeIfAbsent(t.parent(), p -> new ArrayList<>()).add(Instance.added(t.type(), t.aggregation()));
                index.computeIfAbsent(t.parent(), p -> new ArrayList<>()).add(i);
            }
            if (!ok) continue;
            Long[] placements = new Long[combo.size()];
            for (var e : added.entrySet()) {
                List<Instance> present = state.instances(e.getKey());
                Fit f = e.getKey().capacity().fit(present, e.getValue());
                if (!f.fits()) {
                    ok = false;
                    if (firstMiss == null) firstMiss = Reasons.fromFit(f, e.getKey(), present);
                    break;
                }
                List<Integer> idx = index.get(e.getKey());
                for (int k = 0; k < idx.size(); k++) placements[idx.get(k)] = f.placements().get(k);
            }
            if (ok) return new HostVerdict(host.name(), combo, Arrays.asList(placements), null);
        }
        if (firstMiss == null)
            firstMiss = new Reason(Reason.INSUFFICIENT_DEVICE_CAPACITY, host.name(), null, null,
                    "every matching free mdev on " + host.name() + " is already taken");
        return new HostVerdict(host.name(), null, null, firstMiss);
    }

    private static HostVerdict miss(Host host, String code, String vm, String detail) {
        return new HostVerdict(host.name(), null, null, new Reason(code, host.name(), null, vm, detail));
    }

    private static List<List<DeviceTarget>> combos(List<List<DeviceTarget>> perDevice) {
        List<List<DeviceTarget>> out = new ArrayList<>();
        expand(perDevice, 0, new ArrayList<>(), out);
        return out;
    }

    private static void expand(List<List<DeviceTarget>> perDevice, int i, List<DeviceTarget> cur, List<List<DeviceTarget>> out) {
        if (out.size() >= MAX_COMBOS) return;
        if (i == perDevice.size()) { out.add(List.copyOf(cur)); return; }
        for (DeviceTarget t : perDevice.get(i)) {
            if (t.reuses() && cur.stream().anyMatch(c -> t.reuseUuid().equals(c.reuseUuid()))) continue;
            cur.add(t);
            expand(perDevice, i + 1, cur, out);
            cur.remove(cur.size() - 1);
        }
    }
}
