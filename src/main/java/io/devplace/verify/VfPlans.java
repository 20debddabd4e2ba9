package io.devplace.verify;

import io.devplace.model.Fleet;
import io.devplace.model.Host;
import io.devplace.model.ParentDevice;
import io.devplace.model.Plan;
import io.devplace.model.Vf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The verifier's own reading of VF-based parents in a plan (docs/vf.md; docs/reference/plan.md): {@link #normalize} lets the checks
 * shared with mdevs (capacity in every intermediate state, action order, compatibility) see a configured VF as an
 * instance whose id is its address; {@link #check} checks what only VFs have: targets and actions of the right kind
 * for their parent, and that a VF is configured only while free (set to no type, or reset in an earlier wave) and
 * reset only while configured.
 */
final class VfPlans {
    private VfPlans() {}

    /** The plan with configure-vf / reset-vf read as create-mdev / remove-mdev and VF addresses as instance ids. */
    static Plan normalize(Plan p) {
        List<Plan.Move> moves = new ArrayList<>();
        for (Plan.Move m : p.moves()) {
            if (m.devices() == null) { moves.add(m); continue; }
            List<Plan.MoveDevice> ds = new ArrayList<>();
            for (Plan.MoveDevice d : m.devices()) {
                Plan.Source s = d.source();
                if (s != null && s.uuid() == null && s.vf() != null) s = new Plan.Source(s.parent(), s.vf(), s.type());
                Plan.Target t = d.target();
                if (t != null && t.uuid() == null && t.vf() != null)
                    t = new Plan.Target(t.parent(), t.type(), t.attrs(), t.vf(), "configure".equals(t.action()) ? "create" : t.action(),
                            t.placement(), t.rule());
                ds.add(new Plan.MoveDevice(s, t));
            }
            moves.add(new Plan.Move(m.vm(), m.mode(), m.from(), m.to(), m.wave(), m.estimatedDowntimeMs(), ds));
        }
        List<Plan.Action> actions = new ArrayList<>();
        for (Plan.Action a : p.actions()) {
            String op = Plan.Action.CONFIGURE_VF.equals(a.op()) ? "create-mdev" : Plan.Action.RESET_VF.equals(a.op()) ? "remove-mdev" : a.op();
            actions.add(op.equals(a.op()) ? a
                    : new Plan.Action(a.wave(), op, a.mode(), a.vm(), a.host(), a.from(), a.to(), a.parent(), a.vf(), a.type(), a.attrs(), a.placement()));
        }
        return new Plan(p.apiVersion(), p.kind(), p.request(), p.summary(), moves, actions, p.unplaced());
    }

    static void check(Fleet fleet, FleetIndex index, Plan plan, Violations v) {
        for (Plan.Move m : plan.moves()) {
            Host to = index.host(m.to()), from = index.host(m.from());
            if (m.devices() == null) continue;
            for (Plan.MoveDevice d : m.devices()) {
                Plan.Target t = d.target();
                ParentDevice tp = to == null || t == null ? null : to.parent(t.parent());
                if (tp != null) {
                    if (tp.vfBased()) {
                        if (t.vf() == null || t.uuid() != null) v.add(m.vm() + ": target on VF-based " + to.name() + " " + tp.id() + " must name a vf, not a uuid");
                        else if (tp.vf(t.vf()) == null) v.add(m.vm() + ": target VF " + t.vf() + " is not a VF of " + to.name() + " " + tp.id());
                        if (!"configure".equals(t.action()) && !"reuse".equals(t.action()))
                            v.add(m.vm() + ": target action '" + t.action() + "' on a VF-based parent is neither configure nor reuse");
                    } else if (t.vf() != null || "configure".equals(t.action()))
                        v.add(m.vm() + ": target on " + to.name() + " " + tp.id() + ", which has no VFs, names a VF or configures one");
                }
                Plan.Source s = d.source();
                ParentDevice sp = from == null || s == null ? null : from.parent(s.parent());
                if (sp != null && sp.vfBased() != (s.vf() != null))
                    v.add(m.vm() + ": source on " + from.name() + " " + sp.id() + (sp.vfBased() ? " is a VF: name it by vf" : " is an mdev: name it by uuid"));
            }
        }
        // configured VFs per host/parent, as the plan's actions change them, wave by wave in list order
        Map<String, Set<String>> configured = new HashMap<>();
        for (Host h : fleet.hosts())
            for (ParentDevice p : h.devices())
                if (p != null && p.vfBased()) {
                    Set<String> s = new HashSet<>();
                    for (Vf vf : p.vfs()) if (vf != null && vf.configured()) s.add(vf.id().toLowerCase());
                    configured.put(h.name() + "/" + p.id(), s);
                }
        TreeSet<Long> waves = new TreeSet<>();
        for (Plan.Action a : plan.actions()) waves.add(a.wave());
        for (long w : waves) {
            List<String> resetAtEnd = new ArrayList<>();
            for (Plan.Action a : plan.actions()) {
                if (a.wave() != w) continue;
                boolean vfOp = Plan.Action.CONFIGURE_VF.equals(a.op()) || Plan.Action.RESET_VF.equals(a.op());
                boolean mdevOp = "create-mdev".equals(a.op()) || "remove-mdev".equals(a.op());
                if (!vfOp && !mdevOp) continue;
                String key = a.host() + "/" + a.parent();
                Set<String> set = configured.get(key);
                if (vfOp != (set != null)) {
                    v.add("wave " + w + ": " + a.op() + " on " + key + (set == null ? ", which has no VFs" : ", which is VF-based"));
                    continue;
                }
                if (!vfOp) continue;
                if (a.vf() == null) { v.add("wave " + w + ": " + a.op() + " on " + key + " names no vf"); continue; }
                String vf = a.vf().toLowerCase();
                Host h = index.host(a.host());
                if (h == null || h.parent(a.parent()) == null || h.parent(a.parent()).vf(vf) == null) {
                    v.add("wave " + w + ": " + a.op() + " " + a.vf() + " is not a VF of " + key);
                    continue;
                }
                if (Plan.Action.CONFIGURE_VF.equals(a.op())) {
                    if (!set.add(vf)) v.add("wave " + w + ": configures VF " + a.vf() + " on " + key + ", which is not free then");
                } else {
                    if (!set.contains(vf)) v.add("wave " + w + ": resets VF " + a.vf() + " on " + key + ", which is not configured then");
                    if (w == 0) set.remove(vf);
                    else resetAtEnd.add(key + "|" + vf); // held until the wave ends, like any source
                }
            }
            for (String r : resetAtEnd) {
                int bar = r.indexOf('|');
                Objects.requireNonNull(configured.get(r.substring(0, bar))).remove(r.substring(bar + 1));
            }
        }
    }
}
