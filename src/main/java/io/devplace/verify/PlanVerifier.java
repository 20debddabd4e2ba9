package io.devplace.verify;

import io.devplace.model.Fleet;
import io.devplace.model.Host;
import io.devplace.model.HostState;
import io.devplace.model.Mdev;
import io.devplace.model.MoveMode;
import io.devplace.model.ParentDevice;
import io.devplace.model.Plan;
import io.devplace.model.Policy;
import io.devplace.model.Reason;
import io.devplace.model.Vm;
import io.devplace.model.VmDevice;
import io.devplace.rules.AggregationRule;
import io.devplace.rules.GovernedParent;
import io.devplace.rules.Matcher;
import io.devplace.rules.RuleBook;
import io.devplace.rules.SourceDescriptor;
import io.devplace.rules.TargetOffer;
import io.devplace.rules.TemplateException;
import io.devplace.rules.TypeInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a plan against docs/reference/plan.md from the fleet and the rule packs alone. Deliberately shares no code with the
 * planner (no solver, problem, fit or sequence imports): it re-runs the matcher and the capacity models itself, so a
 * bug in the planner cannot hide here too.
 */
public final class PlanVerifier {
    private static final Pattern UUID_V4 = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Set<String> CODES = Set.of(Reason.NOT_LIVE_MIGRATABLE, Reason.NO_COMPATIBLE_DEVICE, Reason.HOST_REQUIREMENT,
            Reason.INSUFFICIENT_DEVICE_CAPACITY, Reason.TYPE_LOCKED, Reason.FRAGMENTED, Reason.INSUFFICIENT_CPU, Reason.INSUFFICIENT_MEMORY,
            Reason.ANTI_AFFINITY, Reason.DOWNTIME_CAP, Reason.DISPLACED_BY_PRIORITY);

    private final Fleet fleet;
    private final RuleBook rules;
    private final Plan plan;
    /** The plan as written; {@link #plan} reads VFs as instances named by address (see {@link VfPlans}). */
    private final Plan original;
    private final Policy policy;
    private final Violations v = new Violations();
    private final FleetIndex index;

    private PlanVerifier(Fleet fleet, RuleBook rules, Plan plan) {
        this.fleet = fleet;
        this.index = new FleetIndex(fleet);
        this.rules = rules;
        this.original = plan;
        this.plan = VfPlans.normalize(plan);
        Policy p = plan.request() == null || plan.request().policy() == null ? Policy.defaults() : plan.request().policy();
        this.policy = p.withDefaults();
    }

    public static Violations verify(Fleet fleet, RuleBook rules, Plan plan) {
        PlanVerifier pv = new PlanVerifier(fleet, rules, plan);
        pv.run();
        return pv.v;
    }

    private void run() {
        Set<String> emptied = new LinkedHashSet<>();
        List<String> named = plan.request() == null || plan.request().evacuate() == null ? List.of() : plan.request().evacuate();
        for (String h : named) {
            if (index.host(h) == null) v.add("request.evacuate names host " + h + ", which is not in the fleet");
            emptied.add(h);
        }
        for (Host h : fleet.hosts()) if (h.state() != HostState.ACTIVE) emptied.add(h.name());

        Map<String, Plan.Move> movesByVm = new LinkedHashMap<>();
        for (Plan.Move m : plan.moves()) {
            if (movesByVm.put(m.vm(), m) != null) v.add(m.vm() + ": moved more than once");
        }
        Set<String> unplaced = new HashSet<>();
        for (Plan.Unplaced u : plan.unplaced()) {
            if (!unplaced.add(u.vm())) v.add(u.vm() + ": listed as unplaced more than once");
            if (movesByVm.containsKey(u.vm())) v.add(u.vm() + ": both moved and unplaced");
            if (index.vm(u.vm()) == null) v.add(u.vm() + ": unplaced VM is not in the fleet");
            for (Reason r : u.reasons()) {
                if (!CODES.contains(r.code())) v.add(u.vm() + ": unknown reason code " + r.code());
                if (r.host() != null && emptied.contains(r.host())) v.add(u.vm() + ": reason names " + r.host() + ", a host being emptied");
            }
        }
        long evacuees = 0;
        for (Vm vm : fleet.vms()) {
            if (!emptied.contains(vm.host())) continue;
            evacuees++;
            if (!movesByVm.containsKey(vm.name()) && !unplaced.contains(vm.name()))
                v.add(vm.name() + ": on " + vm.host() + ", which is being emptied, but neither moved nor listed as unplaced");
        }
        Set<String> seenUuids = new HashSet<>();
        for (Plan.Move m : plan.moves()) checkMove(m, emptied, seenUuids);
        new WaveSimulator(fleet, index, rules, plan, policy, v).run();
        VfPlans.check(fleet, index, original, v);
        checkAntiAffinity(movesByVm);
        checkSummary(evacuees, movesByVm, emptied);
    }

    private void checkMove(Plan.Move m, Set<String> emptied, Set<String> seenUuids) {
        Vm vm = index.vm(m.vm());
        if (vm == null) { v.add(m.vm() + ": moved VM is not in the fleet"); return; }
        Host from = index.host(vm.host()), to = index.host(m.to());
        if (!vm.host().equals(m.from())) v.add(m.vm() + ": move says from " + m.from() + " but the VM is on " + vm.host());
        if (to == null) { v.add(m.vm() + ": target host " + m.to() + " is not in the fleet"); return; }
        if (emptied.contains(to.name())) v.add(m.vm() + ": planned onto " + to.name() + ", a host being emptied");
        if (to.name().equals(from.name())) v.add(m.vm() + ": moves to its own host");
        String notLive = notLive(vm, from);
        boolean live = notLive == null;
        MoveMode expected;
        if (emptied.contains(from.name())) {
            expected = from.state() == HostState.DOWN ? MoveMode.RESTART : live ? MoveMode.LIVE
                    : policy.allowCold() ? MoveMode.COLD : null;
            if (expected == null) v.add(m.vm() + ": not live-migratable (" + notLive + ") and the policy does not allow cold migration, yet it is moved");
        } else {
            expected = MoveMode.LIVE;
            if (!policy.allowRebalance()) v.add(m.vm() + ": on " + from.name() + ", which is not being emptied, and the policy does not allow rebalancing");
            if (!live) v.add(m.vm() + ": rebalanced but not live-migratable (" + notLive + ")");
        }
        if (m.mode() == MoveMode.LIVE && !live) v.add(m.vm() + ": moves live but is not live-migratable (" + notLive + ")");
        if (expected != null && m.mode() != expected) v.add(m.vm() + ": mode " + wire(m.mode()) + " but expected " + expected.wire());
        if (m.wave() < 1) v.add(m.vm() + ": wave " + m.wave() + "; moves start at wave 1");

        Map<String, VmDevice> byUuid = new HashMap<>();
        for (VmDevice d : vm.devices()) byUuid.put(d.ref().toLowerCase(), d);
        Set<String> covered = new HashSet<>();
        double downtime = 300;
        long bwFrom = bandwidth(from), bwTo = bandwidth(to);
        for (Plan.MoveDevice md : m.devices()) {
            String su = md.source() == null || md.source().uuid() == null ? "" : md.source().uuid().toLowerCase();
            VmDevice vd = byUuid.get(su);
            if (vd == null) { v.add(m.vm() + ": source device " + su + " is not one of the VM's devices"); continue; }
            if (!covered.add(su)) v.add(m.vm() + ": source device " + su + " appears twice");
            ParentDevice sp = parentOf(from, su);
            Mdev sm = mdevOf(sp, su);
            if (md.source().parent() != null && !sp.id().equals(md.source().parent()))
                v.add(m.vm() + ": source " + su + " is on parent " + sp.id() + ", not " + md.source().parent());
            if (md.source().type() != null && !sm.type().equals(md.source().type()))
                v.add(m.vm() + ": source " + su + " is of type " + sm.type() + ", not " + md.source().type());
            GovernedParent sgp = rules.govern(from, sp);
            TypeInfo st = sgp.type(sm.type());
            downtime += (double) (st == null ? 0 : st.stateMiB()) * sgp.aggregationOf(sm.type(), sm.attrs()) * 1000.0 / Math.min(bwFrom, bwTo);
            checkTarget(m, vm, from, to, sgp, sm, vd, md.target(), seenUuids);
        }
        for (VmDevice d : vm.devices()) if (!covered.contains(d.ref().toLowerCase())) v.add(m.vm() + ": device " + d.ref() + " has no target");
        long est = m.mode() == MoveMode.LIVE ? Math.round(downtime) : -1;
        if (m.estimatedDowntimeMs() != est) v.add(m.vm() + ": estimatedDowntimeMs " + m.estimatedDowntimeMs() + " but the formula gives " + est);
        if (m.mode() == MoveMode.LIVE && policy.maxDowntimeMs() > 0 && est > policy.maxDowntimeMs())
            v.add(m.vm() + ": estimated downtime " + est + " ms exceeds the cap of " + policy.maxDowntimeMs() + " ms");
    }

    private void checkTarget(Plan.Move m, Vm vm, Host from, Host to, GovernedParent sgp, Mdev sm, VmDevice vd, Plan.Target t,
                             Set<String> seenUuids) {
        if (t == null) { v.add(m.vm() + ": a device has no target"); return; }
        ParentDevice tp = to.parent(t.parent());
        if (tp == null) { v.add(m.vm() + ": target parent " + t.parent() + " is not on " + to.name()); return; }
        GovernedParent tgp = rules.govern(to, tp);
        if (!tgp.knowsType(t.type())) { v.add(m.vm() + ": " + to.name() + " " + tp.id() + " cannot create type " + t.type()); return; }
        List<java.util.Map<String, String>> attrs = t.attrs() == null ? List.of() : t.attrs();
        if (t.uuid() == null) { v.add(m.vm() + ": target on " + tp.id() + " has no uuid"); return; }
        if (!seenUuids.add(to.name() + "/" + t.uuid().toLowerCase())) v.add(m.vm() + ": target uuid " + t.uuid() + " is used twice on " + to.name());
        if (!"reuse".equals(t.action())) {
            AggregationRule.Problem ap = tgp.aggregationProblem(t.type(), attrs);
            if (ap != null)
                v.add(m.vm() + ": creates " + t.type() + " with attrs " + attrs + " on " + to.name() + " " + tp.id() + ", which pack "
                        + tgp.pack().name() + " does not allow: " + ap.attr() + " " + ap.why() + " for that type");
        }
        if ("reuse".equals(t.action())) {
            Mdev existing = mdevOf(tp, t.uuid().toLowerCase());
            if (existing == null) v.add(m.vm() + ": reuses " + t.uuid() + ", which does not exist on " + to.name() + " " + tp.id());
            else {
                if (ownerOf(to, existing.uuid()) != null) v.add(m.vm() + ": reuses " + t.uuid() + ", which is owned by " + ownerOf(to, existing.uuid()));
                if (!existing.type().equals(t.type())) v.add(m.vm() + ": reuses " + t.uuid() + " of type " + existing.type() + " as " + t.type());
                if (!sameAttrs(existing.attrs(), attrs, tgp)) v.add(m.vm() + ": reuses " + t.uuid() + " whose attrs differ from the recipe's");
            }
        } else if ("create".equals(t.action()) && tp.vfBased()) {
            // a VF is named by address, and whether it is free then depends on the waves: VfPlans checks it
        } else if ("create".equals(t.action())) {
            if (!UUID_V4.matcher(t.uuid()).matches()) v.add(m.vm() + ": new uuid " + t.uuid() + " is not an RFC 4122 version-4 UUID");
            if (existsOnHost(to, t.uuid())) v.add(m.vm() + ": new uuid " + t.uuid() + " already exists on " + to.name());
        } else v.add(m.vm() + ": target action '" + t.action() + "' is neither create nor reuse");

        if (m.mode() == MoveMode.LIVE) {
            for (String f : sgp.requiresFailures()) v.add(m.vm() + ": source requirement fails: " + f);
            for (String f : tgp.requiresFailures()) v.add(m.vm() + ": target requirement fails: " + f);
            SourceDescriptor sd;
            TargetOffer offer;
            try {
                sd = sgp.source(sm, vd.compatibility(), vm.name() + " device " + vm.devices().indexOf(vd));
                offer = tgp.offer(t.type());
            } catch (TemplateException e) {
                v.add(m.vm() + ": descriptor cannot be built: " + e.getMessage());
                return;
            }
            boolean ok = sd.entries().stream().anyMatch(e -> Matcher.entryMatches(e, offer) && sameAttrs(e.attrs(), attrs, tgp));
            if (!ok) v.add(m.vm() + ": " + sm.type() + " -> " + t.type() + " with attrs " + attrs + " on " + to.name() + " " + tp.id()
                    + " is not allowed by any compatible entry");
        } else {
            if (!sm.type().equals(t.type()) || !sameAttrs(sm.attrs(), attrs, tgp))
                v.add(m.vm() + ": " + wire(m.mode()) + " move needs the same type and attrs, got " + t.type() + " " + attrs);
        }
    }

    private void checkAntiAffinity(Map<String, Plan.Move> moves) {
        if (!policy.hardAntiAffinity()) return;
        Map<String, String> finalHost = new HashMap<>();
        for (Vm vm : fleet.vms()) finalHost.put(vm.name(), moves.containsKey(vm.name()) ? moves.get(vm.name()).to() : vm.host());
        for (Plan.Move m : moves.values()) {
            Vm vm = index.vm(m.vm());
            if (vm == null) continue;
            // the VMs sharing a group with it, in fleet order (as a scan of every VM would report them)
            Map<Vm, Boolean> mates = new IdentityHashMap<>();
            for (String g : vm.groups()) for (Vm other : index.group(g)) mates.put(other, Boolean.TRUE);
            List<Vm> ordered = new ArrayList<>(mates.keySet());
            ordered.sort(Comparator.comparingInt(index::position));
            for (Vm other : ordered) {
                if (other.name().equals(vm.name()) || !m.to().equals(finalHost.get(other.name()))) continue;
                for (String g : vm.groups())
                    if (other.groups().contains(g)) v.add(m.vm() + ": lands on " + m.to() + " with " + other.name() + " of anti-affinity group " + g);
            }
        }
    }

    private void checkSummary(long evacuees, Map<String, Plan.Move> moves, Set<String> emptied) {
        Plan.Summary s = plan.summary();
        if (s == null) { v.add("summary is missing"); return; }
        long placed = moves.values().stream().filter(m -> index.vm(m.vm()) != null && emptied.contains(index.vm(m.vm()).host())).count();
        long waves = plan.moves().stream().mapToLong(Plan.Move::wave).max().orElse(0);
        if (s.vms() != evacuees) v.add("summary.vms is " + s.vms() + " but " + evacuees + " VMs are on hosts being emptied");
        if (s.placed() != placed) v.add("summary.placed is " + s.placed() + " but " + placed + " of those VMs move");
        if (s.unplaced() != plan.unplaced().size()) v.add("summary.unplaced is " + s.unplaced() + " but " + plan.unplaced().size() + " are listed");
        if (s.migrations() != plan.moves().size()) v.add("summary.migrations is " + s.migrations() + " but there are " + plan.moves().size() + " moves");
        if (s.waves() != waves) v.add("summary.waves is " + s.waves() + " but the highest wave is " + waves);
        // a bound below what this very plan places is refuted by the plan itself
        if (s.placedBound() != null && s.placedBound() < placed)
            v.add("summary.placedBound is " + s.placedBound() + " but the plan places " + placed + " of those VMs");
        if (s.placedBound() != null && s.placedBound() > evacuees)
            v.add("summary.placedBound is " + s.placedBound() + " but only " + evacuees + " VMs are on hosts being emptied");
    }

    // ------------------------------------------------------------ helpers

    /** Why {@code vm} may not move live (its own flag, or a pack of one of its devices with {@code live: false}); null when it may. */
    private String notLive(Vm vm, Host from) {
        List<String> why = new ArrayList<>();
        if (!vm.isLiveMigratable()) why.add("liveMigratable: false");
        for (VmDevice d : vm.devices()) {
            ParentDevice p = parentOf(from, d.ref().toLowerCase());
            if (p == null) continue;
            var pack = rules.govern(from, p).pack();
            if (pack != null && !pack.pack().liveMigratable()) why.add("rule pack " + pack.name() + " says live: false");
        }
        return why.isEmpty() ? null : String.join(", ", new LinkedHashSet<>(why));
    }

    static String wire(MoveMode m) { return m == null ? "(none)" : m.wire(); }

    long bandwidth(Host h) {
        return h.migration() != null && h.migration().bandwidthMiBps() != null ? h.migration().bandwidthMiBps() : policy.bandwidthMiBps();
    }

    static ParentDevice parentOf(Host h, String uuid) {
        for (ParentDevice p : h.devices()) if (mdevOf(p, uuid) != null) return p;
        return null;
    }

    static Mdev mdevOf(ParentDevice p, String uuid) {
        if (p == null) return null;
        for (Mdev m : p.instances()) if (m.uuid().equalsIgnoreCase(uuid)) return m;
        return null;
    }

    private boolean existsOnHost(Host h, String uuid) { return parentOf(h, uuid) != null; }

    String ownerOf(Host h, String uuid) { return index.ownerOf(h.name(), uuid); }

    /**
     * Attribute equality as the contract defines it: last write wins, absent aggregation attribute = 1; an attr naming
     * exclusive resources keeps every value written to it (the driver sets one bit per write), compared as the set of
     * values the driver reads.
     */
    static boolean sameAttrs(List<Map<String, String>> a, List<Map<String, String>> b, GovernedParent gp) {
        return norm(a, gp).equals(norm(b, gp));
    }

    private static Map<String, String> norm(List<Map<String, String>> attrs, GovernedParent gp) {
        Map<String, String> m = new LinkedHashMap<>();
        if (gp.resources() != null) m.putAll(gp.resources().flatten(attrs));
        else for (Map<String, String> x : attrs) m.putAll(x);
        for (String agg : gp.aggregationAttrs()) if ("1".equals(m.getOrDefault(agg, "1").trim())) m.remove(agg);
        return m;
    }
}
