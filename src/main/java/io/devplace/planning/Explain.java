package io.devplace.planning;

import io.devplace.capacity.Instance;
import io.devplace.fit.FleetState;
import io.devplace.fit.HostFit;
import io.devplace.fit.HostVerdict;
import io.devplace.model.Host;
import io.devplace.model.Plan;
import io.devplace.model.Policy;
import io.devplace.model.Reason;
import io.devplace.problem.FleetView;
import io.devplace.problem.FreeMdev;
import io.devplace.problem.ParentView;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.Reasons;
import io.devplace.problem.VmRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Step 5, explain: every VM that must leave and does not, with its reasons (docs/reference/reason-codes.md): per
 * candidate host (every host not being emptied), why it cannot go there, judged by {@link HostFit} against the plan's
 * final state, most telling first. VMs that cannot move at all keep the reasons the problem builder gave them.
 */
final class Explain {
    private Explain() {}

    /** Most telling first: what the plan or the fleet's room decided before what the rules forbid outright. */
    private static final List<String> RANK = List.of(Reason.DISPLACED_BY_PRIORITY, Reason.FRAGMENTED, Reason.TYPE_LOCKED,
            Reason.INSUFFICIENT_DEVICE_CAPACITY, Reason.INSUFFICIENT_CPU, Reason.INSUFFICIENT_MEMORY, Reason.ANTI_AFFINITY,
            Reason.DOWNTIME_CAP, Reason.HOST_REQUIREMENT, Reason.NO_COMPATIBLE_DEVICE, Reason.NOT_LIVE_MIGRATABLE);

    static List<Plan.Unplaced> unplaced(FleetView view, PlanningProblem problem, Sequence.Sequenced seq) {
        FleetState fin = finalState(view, seq);
        List<Plan.Unplaced> out = new ArrayList<>();
        for (VmRequest r : problem.notMovable()) out.add(new Plan.Unplaced(r.name(), r.ruledOut()));
        for (VmRequest r : problem.evacuees()) {
            if (seq.schedule().waveOf().containsKey(r.name())) continue;
            out.add(new Plan.Unplaced(r.name(), reasons(fin, problem, r, problem.request().policy())));
        }
        out.sort(Comparator.comparing(Plan.Unplaced::vm));
        return out;
    }

    /** The final state as planned: wave-0 removals, then every scheduled move with its UUIDs and slot offsets. */
    static FleetState finalState(FleetView view, Sequence.Sequenced seq) {
        FleetState fin = new FleetState(view);
        for (FreeMdev f : seq.removals()) fin.removeInstance(f.parent(), f.uuid());
        for (PlannedMove m : seq.moves()) {
            List<Long> offs = new ArrayList<>();
            for (String u : m.targetUuids()) offs.add(seq.schedule().placementOf().get(u));
            fin.move(m.request().vm(), m.option().hostName(), m.option().targets(), m.targetUuids(), offs);
        }
        return fin;
    }

    static List<Reason> reasons(FleetState fin, PlanningProblem problem, VmRequest r, Policy pol) {
        List<Reason> out = new ArrayList<>();
        for (Host h : fin.view().fleet().hosts()) {
            if (problem.isEmptied(h) || h.name().equals(r.vm().host())) continue;
            HostVerdict v = HostFit.judge(fin, r.vm(), r.mode(), h, pol);
            out.add(v.fits() ? Reasons.noFeasibleOrder(h.name(), r.name()) : withLockHolder(fin, h, v.reason()));
        }
        out.sort(Comparator.comparingInt(x -> RANK.indexOf(x.code())));
        return out;
    }

    /**
     * A {@code TYPE_LOCKED} reason with the holder of the lock as it is in the plan's final state: the VM that owns the
     * locking instance there — also when that instance is one the plan creates for a moved VM, or a free mdev a moved
     * VM reuses — in {@code vm} and in the detail. On a parent with a pack the lock is the type of its first instance
     * (as the exclusive-type capacity model reads it); on a parent with no pack it is the first type the plan creates
     * there (one new type per parent). Other reasons, and locks only the VM's own devices make, are returned unchanged.
     */
    static Reason withLockHolder(FleetState fin, Host h, Reason r) {
        if (r == null || !Reason.TYPE_LOCKED.equals(r.code()) || r.parent() == null) return r;
        ParentView p = null;
        for (ParentView x : fin.view().parents(h.name())) if (x.id().equals(r.parent())) p = x;
        if (p == null) return r;
        boolean noPack = p.governed().pack() == null;
        Instance lock = null;
        if (noPack) {
            Set<String> existing = new HashSet<>();
            for (Instance i : p.existing()) if (i.uuid() != null) existing.add(i.uuid().toLowerCase());
            for (Instance i : fin.instances(p)) if (i.uuid() == null || !existing.contains(i.uuid().toLowerCase())) { lock = i; break; }
        } else if (!fin.instances(p).isEmpty()) {
            lock = fin.instances(p).get(0);
        }
        if (lock == null) return r;
        String holder = holderOf(fin, h, p, lock);
        return new Reason(Reason.TYPE_LOCKED, r.host(), r.parent(), holder, h.name() + " " + p.id() + " is locked to " + lock.type()
                + (holder == null ? " by a free mdev" : " by " + holder) + (noPack ? " (no rule pack: one new type per parent)" : ""));
    }

    /** The VM owning {@code instance} of {@code p} in the final state: a moved VM that created or reuses it, else its owner in the fleet; null if free. */
    private static String holderOf(FleetState fin, Host h, ParentView p, Instance instance) {
        for (FleetState.Resident res : fin.residents(h.name())) {
            if (!res.moved()) continue;
            for (Instance i : res.instances()) if (i == instance) return res.vm().name();
            if (instance.uuid() != null) for (String u : res.reused()) if (u.equalsIgnoreCase(instance.uuid())) return res.vm().name();
        }
        return instance.uuid() == null ? null : p.owner(instance.uuid());
    }
}
