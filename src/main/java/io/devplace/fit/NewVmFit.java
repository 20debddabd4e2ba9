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
import io.devplace.problem.FleetView;
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
import java.util.Set;

/**
 * Judges a VM that is not in the fleet yet (a new pod, a new VM asked for through the placement API) against one host.
 * {@link HostFit} needs a VM whose devices exist in the fleet view; a new VM has only requests. Its devices are judged
 * like those of a cold move (docs/reference/plan.md item 1): the same type and attrs, no compatibility descriptor and no pack
 * {@code requires}, because nothing migrates. Then room: CPU, memory, hard anti-affinity, every target parent.
 * Never changes the state. Targets carry no source device ({@link DeviceTarget#source()} is null).
 *
 * <p>Judging is split in two so that a caller judging many requests can keep the first half: the {@link Offer} (what
 * a host can give by the rules alone) depends on the fleet view only; the room check depends on the state.
 */
public final class NewVmFit {
    /** Rule name reported for a new instance: like cold moves, it is allowed by type + attrs equality alone. */
    public static final String RULE = "same-type";

    /** Cap on device-target combinations tried per host, as in {@link HostFit}. */
    private static final int MAX_COMBOS = 256;

    private NewVmFit() {}

    /** What one host can give a new VM by the rules alone: per requested device its targets, or why none. */
    public record Offer(List<List<DeviceTarget>> perDevice, Reason blocker) {
        public boolean possible() { return blocker == null; }
    }

    public static HostVerdict judge(FleetState state, Vm vm, List<DeviceRequest> devices, Host host, Policy pol) {
        return judge(state, vm, offer(state.view(), devices, host), host, pol);
    }

    /** Judges with an offer made earlier for the same view, devices and host. */
    public static HostVerdict judge(FleetState state, Vm vm, Offer offer, Host host, Policy pol) { return judge(state, vm, offer, host, pol, null); }

    /** As above; {@code fits} (may be null) remembers capacity answers on {@code state}, which nobody changes any more. */
    public static HostVerdict judge(FleetState state, Vm vm, Offer offer, Host host, Policy pol, ParentFits fits) {
        if (!offer.possible()) return new HostVerdict(host.name(), null, null, offer.blocker());
        List<List<DeviceTarget>> ordered = new ArrayList<>(offer.perDevice().size());
        for (List<DeviceTarget> ts : offer.perDevice()) ordered.add(preferredOrder(state, ts, pol));
        return room(state, vm, host, ordered, pol, fits);
    }

    /** Free existing instances to reuse, then the parents that can create each requested device; depends on the view only. */
    public static Offer offer(FleetView view, List<DeviceRequest> devices, Host host) {
        List<List<DeviceTarget>> perDevice = new ArrayList<>(devices.size());
        for (int i = 0; i < devices.size(); i++) {
            DeviceRequest d = devices.get(i);
            List<DeviceTarget> ts = targets(view, d, host);
            if (ts.isEmpty())
                return new Offer(List.of(), new Reason(Reason.NO_COMPATIBLE_DEVICE, host.name(), null, null,
                        "no parent on " + host.name() + " can create " + d.type() + (d.attrs().isEmpty() ? "" : " with attrs " + d.attrs())
                                + " (device " + i + ")"));
            perDevice.add(List.copyOf(ts));
        }
        return new Offer(List.copyOf(perDevice), null);
    }

    private static List<DeviceTarget> targets(FleetView view, DeviceRequest d, Host host) {
        List<DeviceTarget> reuse = new ArrayList<>();
        List<DeviceTarget> create = new ArrayList<>();
        for (ParentView p : view.parents(host.name())) {
            GovernedParent g = p.governed();
            if (!g.knowsType(d.type()) || !p.capacity().canCreate(d.type())) continue;
            Set<String> aggAttrs = g.aggregationAttrs();
            Long agg = aggregation(g, d, aggAttrs);
            if (agg == null) continue;
            create.add(new DeviceTarget(null, p, d.type(), d.attrs(), agg, null, RULE));
            for (Mdev m : p.parent().instances()) {
                if (p.owner(m.uuid()) != null || !m.type().equals(d.type())) continue;
                if (!Attrs.same(m.attrs(), d.attrs(), g)) continue;
                reuse.add(new DeviceTarget(null, p, d.type(), m.attrs(), g.aggregationOf(m.type(), m.attrs()), m.uuid(), RULE));
            }
        }
        reuse.addAll(create);
        return reuse;
    }

    /**
     * Reuse before create (docs/reference/plan.md); new instances on fuller parents first under {@code consolidate}, emptier under
     * {@code spread}; stable otherwise. The first combination that fits is then also the preferred one.
     */
    static List<DeviceTarget> preferredOrder(FleetState state, List<DeviceTarget> targets, Policy pol) {
        if (targets.size() < 2) return targets;
        int n = targets.size();
        Integer[] idx = new Integer[n];
        int[] key = new int[n];
        for (int i = 0; i < n; i++) {
            DeviceTarget t = targets.get(i);
            int load = state.instances(t.parent()).size();
            idx[i] = i;
            // reuse first; then by load, descending (consolidate) or ascending (spread); Arrays.sort is stable
            key[i] = (t.reuses() ? 0 : 1 << 20) + (pol.spreadMode() ? load : (1 << 19) - load);
        }
        Arrays.sort(idx, Comparator.comparingInt(i -> key[i]));
        List<DeviceTarget> out = new ArrayList<>(n);
        for (Integer i : idx) out.add(targets.get(i));
        return out;
    }

    /**
     * The aggregation value the request asks for on this parent, or null when the parent's pack does not allow it:
     * outside the type's [min, max], not a whole number, or not 1 on a type without aggregation (docs/reference/rulepack.md).
     */
    private static Long aggregation(GovernedParent g, DeviceRequest d, Set<String> aggAttrs) {
        if (d.attrs().isEmpty()) return 1L;
        TypeInfo t = g.type(d.type());
        Aggregation a = t == null ? null : t.aggregation();
        for (String attr : aggAttrs) {
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
    static HostVerdict room(FleetState state, Vm vm, Host host, List<List<DeviceTarget>> perDevice, Policy pol, ParentFits fits) {
        long freeCpu = host.cpus() - state.usedCpus(host.name());
        if (vm.cpus() > freeCpu)
            return miss(host, Reason.INSUFFICIENT_CPU, null, host.name() + " has " + Math.max(0, freeCpu) + " vCPUs free, " + vm.name() + " needs " + vm.cpus());
        long freeMem = host.memoryMiB() - state.usedMemory(host.name());
        if (vm.memoryMiB() > freeMem)
            return miss(host, Reason.INSUFFICIENT_MEMORY, null, host.name() + " has " + Math.max(0, freeMem) + " MiB free, " + vm.name() + " needs " + vm.memoryMiB());
        if (pol.hardAntiAffinity() && !vm.groups().isEmpty())
            for (FleetState.Resident r : state.residents(host.name()))
                for (String g : vm.groups())
                    if (!r.vm().name().equals(vm.name()) && r.vm().groups().contains(g))
                        return miss(host, Reason.ANTI_AFFINITY, r.vm().name(), host.name() + " holds " + r.vm().name() + " of anti-affinity group " + g);
        Search s = new Search(state, host, perDevice, fits != null && fits.of(state) ? fits : null);
        s.expand(0);
        if (s.found != null) return s.found;
        Reason why = s.firstMiss != null ? s.firstMiss : new Reason(Reason.INSUFFICIENT_DEVICE_CAPACITY, host.name(), null, null,
                "every matching free mdev on " + host.name() + " is already taken");
        return new HostVerdict(host.name(), null, null, why);
    }

    /** Depth-first over combinations of targets, stopping at the first that fits (at most {@link #MAX_COMBOS} tried). */
    private static final class Search {
        final FleetState state;
        final Host host;
        final List<List<DeviceTarget>> perDevice;
        final ParentFits fits; // null: ask the capacity models directly
        final DeviceTarget[] cur;
        int tried;
        HostVerdict found;
        Reason firstMiss;

        Search(FleetState state, Host host, List<List<DeviceTarget>> perDevice, ParentFits fits) {
            this.state = state;
            this.host = host;
            this.perDevice = perDevice;
            this.fits = fits;
            this.cur = new DeviceTarget[perDevice.size()];
        }

        void expand(int i) {
            if (found != null || tried >= MAX_COMBOS) return;
            if (i == cur.length) { tried++; check(); return; }
            for (DeviceTarget t : perDevice.get(i)) {
                if (t.reuses() && usedAbove(i, t.reuseUuid())) continue;
                cur[i] = t;
                expand(i + 1);
                if (found != null || tried >= MAX_COMBOS) return;
            }
        }

        private boolean usedAbove(int i, String uuid) {
            for (int k = 0; k < i; k++) if (uuid.equals(cur[k].reuseUuid())) return true;
            return false;
        }

        private void check() {
            Map<ParentView, List<Instance>> added = new LinkedHashMap<>();
            Map<ParentView, List<Integer>> index = new LinkedHashMap<>();
            for (int i = 0; i < cur.length; i++) {
                DeviceTarget t = cur[i];
                if (t.reuses()) {
                    boolean present = false;
                    for (Instance x : state.instances(t.parent())) if (t.reuseUuid().equalsIgnoreCase(x.uuid())) { present = true; break; }
                    if (!present || state.reusedByAnyone(host.name(), t.reuseUuid())) return;
                    continue;
                }
                added.computeIfAbsent(t.parent(), p -> new ArrayList<>()).add(Instance.added(t.type(), t.aggregation(), t.attrs()));
                index.computeIfAbsent(t.parent(), p -> new ArrayList<>()).add(i);
            }
            Long[] placements = new Long[cur.length];
            for (var e : added.entrySet()) {
                List<Instance> present = state.instances(e.getKey());
                Fit f = fits != null ? fits.fit(e.getKey(), e.getValue()) : FleetState.fit(e.getKey().capacity(), present, e.getValue());
                if (!f.fits()) {
                    if (firstMiss == null) firstMiss = Reasons.fromFit(f, e.getKey(), present);
                    return;
                }
                List<Integer> idx = index.get(e.getKey());
                for (int k = 0; k < idx.size(); k++) placements[idx.get(k)] = f.placements().get(k);
            }
            found = new HostVerdict(host.name(), List.of(cur.clone()), Arrays.asList(placements), null);
        }
    }

    private static HostVerdict miss(Host host, String code, String vm, String detail) {
        return new HostVerdict(host.name(), null, null, new Reason(code, host.name(), null, vm, detail));
    }
}
