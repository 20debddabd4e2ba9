package io.devplace.verify;

import io.devplace.capacity.Capacities;
import io.devplace.capacity.Fit;
import io.devplace.capacity.Instance;
import io.devplace.capacity.PackCapacity;
import io.devplace.capacity.ParentCapacity;
import io.devplace.model.Fleet;
import io.devplace.model.Host;
import io.devplace.model.HostState;
import io.devplace.model.MoveMode;
import io.devplace.model.ParentDevice;
import io.devplace.model.Plan;
import io.devplace.model.Policy;
import io.devplace.model.Vm;
import io.devplace.rules.GovernedParent;
import io.devplace.rules.RuleBook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replays a plan wave by wave (docs/reference/plan.md items 3-4): wave 0 removes free mdevs; in each later wave every move claims
 * its targets at the start and releases its sources at the end; capacity, host CPU/memory and per-wave limits must
 * hold in every state, and the actions must say exactly what the moves say, in executable order.
 */
final class WaveSimulator {
    private final Fleet fleet;
    private final FleetIndex index;
    private final RuleBook rules;
    private final Plan plan;
    private final Policy policy;
    private final Violations v;
    private final Map<String, List<Instance>> instances = new HashMap<>(); // host/parent -> instances
    private final Map<String, ParentCapacity> caps = new HashMap<>();
    private final Map<String, GovernedParent> governed = new HashMap<>();
    private final Map<String, long[]> used = new HashMap<>();
    /** Per parent whose pack declares exclusive resources: who holds each (host/parent -> ledger). */
    private final Map<String, ResourceLedger> ledgers = new HashMap<>();

    WaveSimulator(Fleet fleet, FleetIndex index, RuleBook rules, Plan plan, Policy policy, Violations v) {
        this.fleet = fleet;
        this.index = index;
        this.rules = rules;
        this.plan = plan;
        this.policy = policy;
        this.v = v;
        for (Host h : fleet.hosts()) {
            for (ParentDevice p : h.devices()) {
                GovernedParent gp = rules.govern(h, p);
                ParentCapacity cap = Capacities.of(gp);
                String key = h.name() + "/" + p.id();
                caps.put(key, cap);
                governed.put(key, gp);
                instances.put(key, new ArrayList<>(Capacities.existing(gp, cap, null, null, null)));
                ResourceLedger ledger = ResourceLedger.of(gp, key, instances.get(key));
                if (ledger != null) ledgers.put(key, ledger);
            }
            used.put(h.name(), new long[2]);
        }
        for (Vm vm : fleet.vms()) {
            long[] u = used.get(vm.host());
            if (u != null) { u[0] += vm.cpus(); u[1] += vm.memoryMiB(); }
        }
    }

    void run() {
        // the waves that hold something, in order: an empty wave changes nothing, and counting up to the highest
        // wave number a plan names (2^63-1, say) would never end
        java.util.TreeSet<Long> waves = new java.util.TreeSet<>();
        for (Plan.Move m : plan.moves()) if (m.wave() >= 1) waves.add(m.wave());
        for (Plan.Action a : plan.actions()) if (a.wave() >= 1) waves.add(a.wave());
        checkWaveZero();
        for (long w : waves) runWave(w);
    }

    private void checkWaveZero() {
        for (Plan.Action a : plan.actions()) {
            if (a.wave() != 0) continue;
            if (!"remove-mdev".equals(a.op())) { v.add("wave 0 holds only removals of free mdevs, but has " + a.op()); continue; }
            String key = a.host() + "/" + a.parent();
            List<Instance> list = instances.get(key);
            if (list == null || list.stream().noneMatch(i -> a.uuid() != null && a.uuid().equalsIgnoreCase(i.uuid()))) {
                v.add("wave 0 removes " + a.uuid() + " from " + key + ", where it does not exist");
                continue;
            }
            if (!policy.removeFreeMdevs()) v.add("wave 0 removes " + a.uuid() + " but the policy does not allow removing free mdevs");
            if (ownerOf(a.host(), a.uuid()) != null) v.add("wave 0 removes " + a.uuid() + ", which " + ownerOf(a.host(), a.uuid()) + " owns");
            for (Plan.Move m : plan.moves())
                for (Plan.MoveDevice d : m.devices())
                    if (d.target() != null && "reuse".equals(d.target().action()) && a.uuid().equalsIgnoreCase(d.target().uuid())
                            && a.host().equals(m.to()) && a.parent().equals(d.target().parent())) // uuids are unique per host only
                        v.add(m.vm() + ": reuses " + a.uuid() + ", which wave 0 removes");
            list.removeIf(i -> a.uuid().equalsIgnoreCase(i.uuid()));
            if (ledgers.containsKey(key)) ledgers.get(key).release(a.uuid());
        }
    }

    private void runWave(long w) {
        List<Plan.Move> moves = plan.moves().stream().filter(m -> m.wave() == w).toList();
        List<Plan.Action> actions = plan.actions().stream().filter(a -> a.wave() == w).toList();
        checkActions(w, moves, actions);
        if (moves.size() > policy.maxParallel()) v.add("wave " + w + ": " + moves.size() + " moves, above maxParallel " + policy.maxParallel());
        Map<String, Integer> in = new HashMap<>(), out = new HashMap<>();
        for (Plan.Move m : moves) {
            in.merge(m.to(), 1, Integer::sum);
            out.merge(m.from(), 1, Integer::sum);
        }
        in.forEach((h, n) -> { if (n > limit(h, true)) v.add("wave " + w + ": " + n + " inbound to " + h + ", above its limit " + limit(h, true)); });
        out.forEach((h, n) -> {
            Host host = index.host(h);
            if (host != null && host.state() != HostState.DOWN && n > limit(h, false))
                v.add("wave " + w + ": " + n + " outbound from " + h + ", above its limit " + limit(h, false));
        });

        checkParentLimits(w, moves);

        // claim targets (sources are still held)
        Map<String, List<Instance>> added = new LinkedHashMap<>();
        for (Plan.Move m : moves) {
            Vm vm = index.vm(m.vm());
            long[] u = used.get(m.to());
            if (vm == null || u == null) continue;
            u[0] += vm.cpus();
            u[1] += vm.memoryMiB();
            for (Plan.MoveDevice d : m.devices()) {
                Plan.Target t = d.target();
                if (t == null || !"create".equals(t.action())) continue;
                String key = m.to() + "/" + t.parent();
                GovernedParent gp = governed.get(key);
                if (gp == null) continue;
                added.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new Instance(t.uuid(), t.type(), gp.aggregationOf(t.type(), t.attrs() == null ? List.of() : t.attrs()), t.placement(), t.attrs()));
                if (ledgers.containsKey(key)) ledgers.get(key).claim("wave " + w + ": " + m.vm(), t.uuid(), t.attrs() == null ? List.of() : t.attrs(), v);
            }
        }
        for (var e : added.entrySet()) {
            Fit f = caps.get(e.getKey()).fit(instances.get(e.getKey()), e.getValue());
            if (!f.fits()) v.add("wave " + w + ": " + e.getKey() + " over capacity (" + f.shortfall() + ": " + f.detail() + ")");
            checkSlots(w, e.getKey(), e.getValue());
            instances.get(e.getKey()).addAll(e.getValue());
        }
        for (Plan.Move m : moves) {
            Host h = index.host(m.to());
            long[] u = used.get(m.to());
            if (h == null || u == null) continue;
            if (u[0] > h.cpus()) v.add("wave " + w + ": " + h.name() + " uses " + u[0] + " vCPUs of " + h.cpus());
            if (u[1] > h.memoryMiB()) v.add("wave " + w + ": " + h.name() + " uses " + u[1] + " MiB of " + h.memoryMiB());
        }
        // release sources at the end of the wave
        for (Plan.Move m : moves) {
            Vm vm = index.vm(m.vm());
            long[] u = used.get(m.from());
            if (vm == null || u == null) continue;
            u[0] -= vm.cpus();
            u[1] -= vm.memoryMiB();
            for (Plan.MoveDevice d : m.devices()) {
                if (d.source() == null) continue;
                List<Instance> list = instances.get(m.from() + "/" + d.source().parent());
                if (list != null) list.removeIf(i -> d.source().uuid() != null && d.source().uuid().equalsIgnoreCase(i.uuid()));
                ResourceLedger ledger = ledgers.get(m.from() + "/" + d.source().parent());
                if (ledger != null) ledger.release(d.source().uuid());
            }
        }
    }

    /**
     * New instances on a slot parent must sit at free offsets their type may start at: aligned, or one of the pack's
     * placements for the type (the search in capacity only proves one exists).
     */
    private void checkSlots(long w, String key, List<Instance> added) {
        if (!(caps.get(key) instanceof PackCapacity pc) || pc.slots() == 0) return;
        boolean[] taken = new boolean[(int) pc.slots()];
        for (Instance i : instances.get(key)) mark(i, pc, taken, null, w, key);
        for (Instance i : added) {
            if (i.placement() == null) { v.add("wave " + w + ": new " + i.type() + " " + i.uuid() + " on slot parent " + key + " has no placement"); continue; }
            mark(i, pc, taken, v, w, key);
        }
    }

    private static void mark(Instance i, PackCapacity pc, boolean[] taken, Violations v, long w, String key) {
        if (i.placement() == null) return;
        long k = pc.sizeOf(i.type()), o = i.placement();
        // a type's placements are read from the pack itself, not from the search's offset table: the check must not
        // share the search's code
        List<Long> allowed = pc.declaredPlacements(i.type());
        if (allowed != null && (!allowed.contains(o) || o > taken.length - k)) {
            if (v != null) v.add("wave " + w + ": placement " + o + " of " + i.uuid() + " on " + key + " is not one its type "
                    + i.type() + " may start at " + allowed);
            return;
        }
        if (allowed == null && (o < 0 || o % k != 0 || o > taken.length - k)) { // not o + k > length: overflows near 2^63
            if (v != null) v.add("wave " + w + ": placement " + o + " of " + i.uuid() + " on " + key + " is not aligned to its size " + k);
            return;
        }
        for (long j = o; j < o + k; j++) {
            if (taken[(int) j] && v != null) { v.add("wave " + w + ": placement " + o + " of " + i.uuid() + " on " + key + " overlaps"); return; }
            taken[(int) j] = true;
        }
    }

    /** Actions of a wave: creates, then migrations, then source removals — exactly those the moves imply. */
    private void checkActions(long w, List<Plan.Move> moves, List<Plan.Action> actions) {
        List<String> expected = new ArrayList<>();
        for (Plan.Move m : moves)
            for (Plan.MoveDevice d : m.devices())
                if (d.target() != null && "create".equals(d.target().action()))
                    expected.add(key("create-mdev", m.to(), d.target().parent(), d.target().uuid(), d.target().type(), null));
        for (Plan.Move m : moves) expected.add(key("migrate", m.from(), m.to(), m.vm(), null, m.mode()));
        for (Plan.Move m : moves) {
            if (m.mode() == MoveMode.RESTART) continue;
            for (Plan.MoveDevice d : m.devices())
                if (d.source() != null) expected.add(key("remove-mdev", m.from(), d.source().parent(), d.source().uuid(), null, null));
        }
        List<String> got = new ArrayList<>();
        for (Plan.Action a : actions) {
            switch (Objects.toString(a.op(), "")) {
                case "create-mdev" -> got.add(key("create-mdev", a.host(), a.parent(), a.uuid(), a.type(), null));
                case "migrate" -> got.add(key("migrate", a.from(), a.to(), a.vm(), null, a.mode()));
                case "remove-mdev" -> got.add(key("remove-mdev", a.host(), a.parent(), a.uuid(), null, null));
                default -> v.add("wave " + w + ": unknown action op '" + a.op() + "'");
            }
        }
        if (!phasesInOrder(got)) v.add("wave " + w + ": actions are not in executable order (creates, migrations, source removals)");
        List<String> missing = new ArrayList<>(expected);
        for (String g : got) if (!missing.remove(g)) v.add("wave " + w + ": action " + g + " does not follow from the moves");
        for (String m : missing) v.add("wave " + w + ": missing action " + m);
    }

    private static boolean phasesInOrder(List<String> got) {
        int phase = 0;
        for (String g : got) {
            int p = g.startsWith("create-mdev") ? 0 : g.startsWith("migrate") ? 1 : 2;
            if (p < phase) return false;
            phase = p;
        }
        return true;
    }

    private static String key(String op, String a, String b, String c, String d, MoveMode mode) {
        return op + " " + a + " " + b + " " + (c == null ? "" : c.toLowerCase()) + (d == null ? "" : " " + d) + (mode == null ? "" : " " + mode.wire());
    }

    private long limit(String host, boolean inbound) {
        Host h = index.host(host);
        if (h != null && h.migration() != null) {
            Long l = inbound ? h.migration().maxInbound() : h.migration().maxOutbound();
            if (l != null) return l;
        }
        return policy.maxPerHost();
    }

    private String ownerOf(String host, String uuid) { return index.ownerOf(host, uuid); }

    /** docs/reference/plan.md, check 4: per parent of a pack with maxParallelPerParent, at most that many moves out of it and into it. */
    private void checkParentLimits(long w, List<Plan.Move> moves) {
        Map<String, Integer> in = new java.util.TreeMap<>(), out = new java.util.TreeMap<>();
        for (Plan.Move m : moves) {
            java.util.Set<String> from = new java.util.HashSet<>(), to = new java.util.HashSet<>();
            Host src = index.host(m.from());
            for (Plan.MoveDevice d : m.devices()) {
                if (src != null && d.source() != null && d.source().uuid() != null) {
                    ParentDevice p = PlanVerifier.parentOf(src, d.source().uuid().toLowerCase());
                    if (p != null) from.add(src.name() + "/" + p.id());
                }
                if (d.target() != null && d.target().parent() != null) to.add(m.to() + "/" + d.target().parent());
            }
            for (String k : from) out.merge(k, 1, Integer::sum);
            for (String k : to) in.merge(k, 1, Integer::sum);
        }
        out.forEach((k, n) -> overParentLimit(w, k, n, "out of"));
        in.forEach((k, n) -> overParentLimit(w, k, n, "into"));
    }

    private void overParentLimit(long w, String key, int n, String direction) {
        GovernedParent gp = governed.get(key);
        long max = gp == null ? 0 : gp.maxParallelPerParent();
        if (max > 0 && n > max)
            v.add("wave " + w + ": " + n + " moves " + direction + " " + key + ", above its pack's maxParallelPerParent " + max);
    }
}
