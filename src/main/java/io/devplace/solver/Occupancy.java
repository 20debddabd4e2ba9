package io.devplace.solver;

import io.devplace.problem.HostView;
import io.devplace.problem.ParentClaim;
import io.devplace.problem.ParentView;
import io.devplace.problem.PlacementOption;
import io.devplace.problem.PlanningProblem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scratch copy of who holds what in the working solution, for building compound moves: per parent the claims on it,
 * per host the CPU and memory of its users. Moves are built by changing this copy (never the planning entities), then
 * the copy is put back. {@link #fits} is a quick, deliberately partial judge (parents by the one capacity
 * implementation, host CPU and memory, reuse, anti-affinity between moved VMs and with VMs that stay); the score stays the judge
 * of every move.
 */
final class Occupancy {
    /** One claim and who holds it: a {@link VmPlacement} (its option) or a {@link FreeMdevRemoval} (removed). */
    record Held(Object owner, ParentClaim claim) {}

    private final Map<ParentView, List<Held>> byParent = new HashMap<>();
    private final Map<ParentView, List<FreeMdevRemoval>> freeOn = new HashMap<>();
    private final Map<String, long[]> hostUse = new HashMap<>();
    private final Map<String, List<VmPlacement>> onHost = new HashMap<>();
    private final Map<VmPlacement, PlacementOption> option = new IdentityHashMap<>();
    private final Map<FreeMdevRemoval, Boolean> removed = new IdentityHashMap<>();
    private final Map<String, Set<String>> stayingGroups = new HashMap<>();
    /** The working solution this copies. */
    final Evacuation solution;
    final List<VmPlacement> vms;
    final List<VmPlacement> placed = new ArrayList<>();
    final List<VmPlacement> unplacedEvacuees = new ArrayList<>();

    Occupancy(Evacuation s) {
        this.solution = s;
        this.vms = s.getPlacements();
        for (FreeMdevRemoval r : s.getRemovals()) {
            freeOn.computeIfAbsent(r.getFree().parent(), k -> new ArrayList<>()).add(r);
            removed.put(r, false);
        }
        for (PlanningProblem.GroupMember m : s.getStaying()) stayingGroups.computeIfAbsent(m.host(), k -> new HashSet<>()).add(m.group());
        for (VmPlacement p : vms) {
            option.put(p, null);
            if (!p.isEvacuee()) use(p.getSourceHost(), p, 1);
        }
        sync();
    }

    /**
     * Catches up with the working solution after the steps taken since the last call: only the VMs and free mdevs
     * whose value changed are updated, so keeping one copy per phase costs a pass of identity checks per step rather
     * than a rebuild.
     */
    void sync() {
        for (FreeMdevRemoval r : solution.getRemovals()) setRemoved(r, r.removes());
        placed.clear();
        unplacedEvacuees.clear();
        for (VmPlacement p : vms) {
            set(p, p.getOption());
            if (p.getOption() != null) placed.add(p);
            else if (p.isEvacuee()) unplacedEvacuees.add(p);
        }
    }

    private final Map<VmPlacement, Map<String, List<PlacementOption>>> optionsByHost = new IdentityHashMap<>();

    PlacementOption optionOf(VmPlacement p) { return option.get(p); }

    /** {@code p}'s options on {@code host}, in value order (indexed per VM on first use). */
    List<PlacementOption> optionsOn(VmPlacement p, String host) {
        return optionsByHost.computeIfAbsent(p, k -> {
            Map<String, List<PlacementOption>> m = new HashMap<>();
            for (PlacementOption o : k.getOptions()) m.computeIfAbsent(o.hostName(), h -> new ArrayList<>()).add(o);
            return m;
        }).getOrDefault(host, List.of());
    }

    boolean isRemoved(FreeMdevRemoval r) { return removed.get(r); }

    /** Moves {@code p} to {@code o} (null: unassigned) in this copy. */
    void set(VmPlacement p, PlacementOption o) {
        PlacementOption old = option.get(p);
        if (old == o) return;
        if (old != null) {
            for (ParentClaim c : old.parentClaims()) byParent.get(c.parent()).remove(new Held(p, c));
            use(old.hostName(), p, -1);
            onHost.get(old.hostName()).remove(p);
        } else if (!p.isEvacuee()) use(p.getSourceHost(), p, -1);
        if (o != null) {
            for (ParentClaim c : o.parentClaims()) byParent.computeIfAbsent(c.parent(), k -> new ArrayList<>()).add(new Held(p, c));
            use(o.hostName(), p, 1);
            onHost.computeIfAbsent(o.hostName(), k -> new ArrayList<>()).add(p);
        } else if (!p.isEvacuee()) use(p.getSourceHost(), p, 1);
        option.put(p, o);
    }

    void setRemoved(FreeMdevRemoval r, boolean remove) {
        if (removed.get(r) == remove) return;
        List<Held> held = byParent.computeIfAbsent(r.getFree().parent(), k -> new ArrayList<>());
        if (remove) held.add(new Held(r, r.getClaim()));
        else held.remove(new Held(r, r.getClaim()));
        removed.put(r, remove);
    }

    private void use(String host, VmPlacement p, int sign) {
        long[] u = hostUse.computeIfAbsent(host, k -> new long[2]);
        u[0] += sign * p.getRequest().vm().cpus();
        u[1] += sign * p.getRequest().vm().memoryMiB();
    }

    /** Whether {@code p}, now unassigned in this copy, fits {@code o} next to everything this copy holds. */
    boolean fits(VmPlacement p, PlacementOption o) {
        if (!o.requirementsMet() || !hostFits(p, o) || !groupsFit(p, o)) return false;
        for (ParentView parent : touched(o)) if (!parentFits(parent, o)) return false;
        return true;
    }

    private boolean hostFits(VmPlacement p, PlacementOption o) {
        HostView h = o.host();
        long[] u = hostUse.getOrDefault(h.name(), new long[2]);
        return u[0] + p.getRequest().vm().cpus() <= h.freeCpus() && u[1] + p.getRequest().vm().memoryMiB() <= h.freeMemoryMiB();
    }

    /** CPU and memory of {@code host} that what this copy holds leaves free. */
    long[] left(HostView host) {
        long[] u = hostUse.getOrDefault(host.name(), new long[2]);
        return new long[]{host.freeCpus() - u[0], host.freeMemoryMiB() - u[1]};
    }

    /** The claims this copy holds on {@code parent} (VMs' options and free mdevs removed). */
    List<ParentClaim> claimsOn(ParentView parent) {
        List<ParentClaim> out = new ArrayList<>();
        for (Held h : byParent.getOrDefault(parent, List.of())) out.add(h.claim());
        return out;
    }

    /**
     * The share of {@code o}'s host CPU and memory left free after {@code p} lands there (0 to 2: the two shares
     * summed), as Nova's RAM and CPU weighers measure it when set to stack: the smaller, the fuller the host.
     */
    double roomLeft(VmPlacement p, PlacementOption o) {
        HostView h = o.host();
        long[] u = hostUse.getOrDefault(h.name(), new long[2]);
        return share(h.freeCpus() - u[0] - p.getRequest().vm().cpus(), h.freeCpus())
                + share(h.freeMemoryMiB() - u[1] - p.getRequest().vm().memoryMiB(), h.freeMemoryMiB());
    }

    private static double share(long left, long total) { return total <= 0 ? 0 : (double) left / total; }

    private boolean groupsFit(VmPlacement p, PlacementOption o) {
        if (p.getGroups().isEmpty()) return true;
        Set<String> staying = stayingGroups.getOrDefault(o.hostName(), Set.of());
        for (String g : p.getGroups()) if (staying.contains(g)) return false;
        for (VmPlacement q : onHost.getOrDefault(o.hostName(), List.of())) if (q != p && q.sharesGroupWith(p)) return false;
        return true;
    }

    private boolean parentFits(ParentView parent, PlacementOption o) {
        List<ParentClaim> claims = new ArrayList<>();
        for (Held h : byParent.getOrDefault(parent, List.of())) claims.add(h.claim());
        for (ParentClaim c : o.parentClaims()) {
            if (c.parent() != parent) continue;
            if (c.kind() == ParentClaim.Kind.REUSE)
                for (Held h : byParent.getOrDefault(parent, List.of()))
                    if ((h.claim().kind() == ParentClaim.Kind.REUSE || h.claim().kind() == ParentClaim.Kind.REMOVE)
                            && h.claim().uuid().equalsIgnoreCase(c.uuid())) return false;
            claims.add(c);
        }
        return ParentLoad.totals(parent, claims).violation() == 0;
    }

    /** The parents {@code o} adds to or reuses on. */
    private static List<ParentView> touched(PlacementOption o) {
        List<ParentView> out = new ArrayList<>();
        for (ParentClaim c : o.parentClaims())
            if ((c.kind() == ParentClaim.Kind.ADD || c.kind() == ParentClaim.Kind.REUSE) && !out.contains(c.parent())) out.add(c.parent());
        return out;
    }

    /**
     * About how many VMs must leave for {@code p} to fit {@code o}: those holding a claim on its parents, plus, when the
     * host is short of CPU or memory, the fewest of the host's VMs (largest first) whose leaving covers the shortfall.
     * An estimate for choosing where to look, not a judgement: {@link #blockers} lists every VM that may be in the way.
     */
    int inTheWay(VmPlacement p, PlacementOption o) {
        Set<Object> onParents = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (ParentView parent : touched(o))
            for (Held h : byParent.getOrDefault(parent, List.of()))
                if (h.owner() != p && h.claim().kind() != ParentClaim.Kind.RELEASE && h.claim().kind() != ParentClaim.Kind.REMOVE) onParents.add(h.owner());
        long[] left = left(o.host());
        long cpu = p.getRequest().vm().cpus() - left[0], mem = p.getRequest().vm().memoryMiB() - left[1];
        for (Object q : onParents)
            if (q instanceof VmPlacement v && optionOf(v) != null && optionOf(v).hostName().equals(o.hostName())) {
                cpu -= v.getRequest().vm().cpus();
                mem -= v.getRequest().vm().memoryMiB();
            }
        int n = onParents.size();
        if (cpu > 0 || mem > 0) {
            List<VmPlacement> there = new ArrayList<>(onHost.getOrDefault(o.hostName(), List.of()));
            there.removeIf(q -> q == p || onParents.contains(q));
            there.sort(java.util.Comparator.comparingLong((VmPlacement q) -> -q.getRequest().vm().memoryMiB()));
            for (VmPlacement q : there) {
                if (cpu <= 0 && mem <= 0) break;
                cpu -= q.getRequest().vm().cpus();
                mem -= q.getRequest().vm().memoryMiB();
                n++;
            }
            if (cpu > 0 || mem > 0) n += 1_000; // not even all of them: a poor place to look
        }
        return n;
    }

    /**
     * What may stand in {@code p}'s way on {@code o}: the VMs holding a claim on one of its parents or sharing a group
     * with it there, the free mdevs kept there, and, when the host is short of CPU or memory, every VM placed on it.
     * Duplicates removed, in a stable order.
     */
    List<Object> blockers(VmPlacement p, PlacementOption o) {
        List<Object> out = new ArrayList<>();
        Set<Object> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (ParentView parent : touched(o)) {
            for (Held h : byParent.getOrDefault(parent, List.of()))
                if (h.owner() != p && h.claim().kind() != ParentClaim.Kind.RELEASE && h.claim().kind() != ParentClaim.Kind.REMOVE
                        && seen.add(h.owner())) out.add(h.owner());
            for (FreeMdevRemoval r : freeOn.getOrDefault(parent, List.of())) if (!removed.get(r) && seen.add(r)) out.add(r);
        }
        boolean hostShort = !hostFits(p, o);
        for (VmPlacement q : onHost.getOrDefault(o.hostName(), List.of()))
            if (q != p && (hostShort || q.sharesGroupWith(p)) && seen.add(q)) out.add(q);
        return out;
    }
}
