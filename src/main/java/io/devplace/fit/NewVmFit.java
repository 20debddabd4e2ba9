package io.devplace.fit;

import io.devplace.model.Host;
import io.devplace.model.Mdev;
import io.devplace.model.Policy;
import io.devplace.model.Reason;
import io.devplace.model.Vm;
import io.devplace.problem.Attrs;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.FleetView;
import io.devplace.problem.ParentView;
import io.devplace.problem.Preference;
import io.devplace.problem.Reasons;
import io.devplace.rules.GovernedParent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Judges a VM that is not in the fleet yet (a new pod, a new VM asked for through the placement API) against one host.
 * {@link HostFit} needs a VM whose devices exist in the fleet view; a new VM has only requests. Its devices are judged
 * like those of a cold move (docs/reference/plan.md item 1): the same type and attrs, no compatibility descriptor and no pack
 * {@code requires}, because nothing migrates. Then {@link Room}: CPU, memory, hard anti-affinity, every target parent,
 * with the targets in the one preference order.
 * Never changes the state. Targets carry no source device ({@link DeviceTarget#source()} is null).
 *
 * <p>Judging is split in two so that a caller judging many requests can keep the first half: the {@link Offer} (what
 * a host can give by the rules alone) depends on the fleet view only; the room check depends on the state.
 */
public final class NewVmFit {
    /** Rule name reported for a new instance: like cold moves, it is allowed by type + attrs equality alone. */
    public static final String RULE = "same-type";

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
        return Room.first(state, vm, host, ordered, pol, List.of(), fits);
    }

    /** Free existing instances to reuse, then the parents that can create each requested device; depends on the view only. */
    public static Offer offer(FleetView view, List<DeviceRequest> devices, Host host) {
        List<List<DeviceTarget>> perDevice = new ArrayList<>(devices.size());
        for (int i = 0; i < devices.size(); i++) {
            DeviceRequest d = devices.get(i);
            List<DeviceTarget> ts = targets(view, d, host);
            if (ts.isEmpty())
                return new Offer(List.of(), Reasons.cannotCreate(host.name(), d.type(), d.attrs(), i));
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
            Long agg = aggregation(g, d);
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
     * The targets of one device in the one preference order ({@link Preference}: reuse first, then packing per the
     * policy's {@code spread}; stable otherwise), so that the first combination that fits is also the preferred one.
     */
    static List<DeviceTarget> preferredOrder(FleetState state, List<DeviceTarget> targets, Policy pol) {
        if (targets.size() < 2) return targets;
        int n = targets.size();
        Integer[] idx = new Integer[n];
        int[] load = new int[n]; // once per target, not once per comparison
        for (int i = 0; i < n; i++) {
            idx[i] = i;
            load[i] = state.instances(targets.get(i).parent()).size();
        }
        Arrays.sort(idx, Preference.<Integer>of(pol, i -> targets.get(i).reuses() ? 0 : 1, i -> load[i], i -> 0)); // stable
        List<DeviceTarget> out = new ArrayList<>(n);
        for (Integer i : idx) out.add(targets.get(i));
        return out;
    }

    /**
     * The aggregation value the request asks for on this parent, or null when the parent's pack does not allow it
     * ({@link GovernedParent#aggregationProblem}: the one rule for every instance a plan or a placement creates).
     */
    private static Long aggregation(GovernedParent g, DeviceRequest d) {
        if (g.aggregationProblem(d.type(), d.attrs()) != null) return null;
        return g.aggregationOf(d.type(), d.attrs());
    }
}
