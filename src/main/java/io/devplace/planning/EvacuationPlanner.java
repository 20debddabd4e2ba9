package io.devplace.planning;

import ai.timefold.solver.core.api.solver.Solver;
import io.devplace.capacity.Fit;
import io.devplace.capacity.Instance;
import io.devplace.fit.FleetState;
import io.devplace.fit.HostFit;
import io.devplace.fit.HostVerdict;
import io.devplace.model.Host;
import io.devplace.model.MoveMode;
import io.devplace.model.Plan;
import io.devplace.model.Policy;
import io.devplace.model.Reason;
import io.devplace.model.Vm;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.FleetView;
import io.devplace.problem.FreeMdev;
import io.devplace.problem.ParentView;
import io.devplace.problem.PlacementOption;
import io.devplace.problem.PlanRequest;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.ProblemBuilder;
import io.devplace.problem.SourceDevice;
import io.devplace.problem.VmRequest;
import io.devplace.sequence.Schedule;
import io.devplace.sequence.SeqDevice;
import io.devplace.sequence.SeqHost;
import io.devplace.sequence.SeqMove;
import io.devplace.sequence.SeqParent;
import io.devplace.sequence.Sequencer;
import io.devplace.solver.Assignment;
import io.devplace.solver.Planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * From "empty these hosts" to a Plan: build the problem, solve it, replay the answer on a copy of the fleet (keeping
 * only what truly fits), place any evacuee the solver left out that still fits, order the moves into waves, and explain
 * every VM left unplaced.
 */
public final class EvacuationPlanner {
    private EvacuationPlanner() {}

    public static Plan plan(FleetView view, PlanRequest req, Long seed, Consumer<Planner.Progress> progress, String fleetDigest) {
        return plan(view, req, seed, progress, fleetDigest, null);
    }

    /** As above; {@code onSolver} (may be null) gets the Timefold solver before it starts, to allow an early stop. */
    public static Plan plan(FleetView view, PlanRequest req, Long seed, Consumer<Planner.Progress> progress, String fleetDigest,
                            Consumer<Solver<?>> onSolver) {
        return plan(view, req, seed, progress, fleetDigest, onSolver, null);
    }

    /** As above; {@code onSolved} (may be null) gets the solver's best solution, for tests comparing it with the plan. */
    static Plan plan(FleetView view, PlanRequest req, Long seed, Consumer<Planner.Progress> progress, String fleetDigest,
                     Consumer<Solver<?>> onSolver, Consumer<Assignment> onSolved) {
        PlanningProblem problem = ProblemBuilder.build(view, req);
        Assignment a = Planner.solve(problem, seed, progress, onSolver);
        if (onSolved != null) onSolved.accept(a);
        Policy pol = req.policy();

        // Replay: free mdev removals and every source first (the final state is what the solver judged), then targets
        // by priority; anything that does not fit (an infeasible best solution) is dropped, never emitted.
        FleetState state = new FleetState(view);
        List<FreeMdev> removals = new ArrayList<>(a.removals());
        for (FreeMdev f : removals) state.removeInstance(f.parent(), f.uuid());
        List<PlacementOption> chosen = new ArrayList<>(a.chosen().values());
        chosen.sort(Comparator.comparingLong((PlacementOption o) -> -o.request().vm().priority()).thenComparing(o -> o.request().name()));
        for (PlacementOption o : chosen) state.release(o.request().vm());
        List<PlacementOption> kept = new ArrayList<>();
        for (PlacementOption o : chosen) {
            if (fits(state, o, pol)) {
                state.place(o.request().vm(), o.hostName(), o.targets(), null, null);
                kept.add(o);
            } else {
                state.unrelease(o.request().vm());
            }
        }
        // Evacuees the solver did not place (or that were dropped) get one more first-fit chance on the final state.
        Map<String, PlacementOption> placed = new LinkedHashMap<>();
        for (PlacementOption o : kept) placed.put(o.request().name(), o);
        List<VmRequest> waiting = new ArrayList<>(problem.evacuees().stream().filter(r -> !placed.containsKey(r.name())).toList());
        waiting.sort(Comparator.comparingLong((VmRequest r) -> -r.vm().priority()).thenComparing(VmRequest::name));
        for (VmRequest r : waiting) firstFit(state, r, placed, pol);

        if (pol.removeFreeMdevs()) makeRoomByRemovingFreeMdevs(problem, state, placed, removals, pol);
        if (pol.allowRebalance()) makeRoomByRebalancing(problem, state, placed, pol);

        UuidSource uuids = new UuidSource(seed);
        List<PlannedMove> moves = new ArrayList<>();
        List<PlacementOption> ordered = new ArrayList<>(placed.values());
        ordered.sort(Comparator.comparing(o -> o.request().name()));
        for (PlacementOption o : ordered) {
            List<String> ids = new ArrayList<>();
            for (DeviceTarget t : o.targets()) ids.add(t.reuses() ? t.reuseUuid() : uuids.next());
            moves.add(new PlannedMove(o.request(), o, ids));
        }
        Schedule schedule = sequence(view, problem, removals, moves, pol);
        Map<String, PlannedMove> byVm = new HashMap<>();
        for (PlannedMove m : moves) byVm.put(m.request().name(), m);
        List<PlannedMove> scheduled = new ArrayList<>();
        for (SeqMove s : schedule.scheduled()) scheduled.add(byVm.get(s.vm()));

        // The final state as planned, for the reasons of the VMs left unplaced.
        FleetState fin = new FleetState(view);
        for (FreeMdev f : removals) fin.removeInstance(f.parent(), f.uuid());
        for (PlannedMove m : scheduled) {
            List<Long> offs = new ArrayList<>();
            for (String u : m.targetUuids()) offs.add(schedule.placementOf().get(u));
            fin.move(m.request().vm(), m.option().hostName(), m.option().targets(), m.targetUuids(), offs);
        }
        List<Plan.Unplaced> unplaced = new ArrayList<>();
        for (VmRequest r : problem.notMovable()) unplaced.add(new Plan.Unplaced(r.name(), r.ruledOut()));
        for (VmRequest r : problem.evacuees()) {
            if (schedule.waveOf().containsKey(r.name())) continue;
            unplaced.add(new Plan.Unplaced(r.name(), reasons(fin, problem, r, pol)));
        }
        unplaced.sort(Comparator.comparing(Plan.Unplaced::vm));
        // summary.score describes the emitted plan: the repairs above and sequencing may differ from the solver's best
        Map<String, PlacementOption> emitted = new HashMap<>();
        for (PlannedMove m : scheduled) emitted.put(m.request().name(), m.option());
        boolean same = emitted.size() == a.chosen().size() && removals.size() == a.removals().size()
                && a.chosen().entrySet().stream().allMatch(e -> emitted.get(e.getKey().name()) == e.getValue());
        String score = same ? a.score() : Planner.scoreOf(problem, emitted, removals);
        return PlanWriter.write(view, problem, a.withScore(score), removals, schedule, scheduled, unplaced, fleetDigest);
    }

    /**
     * The same two-step blind spot for free mdevs: removing one costs on its own, so local search will not remove the
     * free mdev that locks a GPU to the wrong type before it tries the evacuee there. With {@code removeFreeMdevs},
     * try it directly: remove the free mdevs on an option's target parents, keep only the removals the fit needs.
     */
    static void makeRoomByRemovingFreeMdevs(PlanningProblem problem, FleetState state, Map<String, PlacementOption> placed,
                                            List<FreeMdev> removals, Policy pol) {
        List<VmRequest> waiting = new ArrayList<>(problem.evacuees().stream().filter(r -> !placed.containsKey(r.name())).toList());
        waiting.sort(Comparator.comparingLong((VmRequest r) -> -r.vm().priority()).thenComparing(VmRequest::name));
        for (VmRequest e : waiting) {
            // a removal made for an earlier VM may be all this one needs: the state judged here is the one the
            // sequencer starts from after wave 0 and the one unplaced VMs' reasons are judged on
            if (firstFit(state, e, placed, pol)) continue;
            int tried = 0;
            for (PlacementOption eo : e.options()) {
                if (++tried > 64) break;
                List<FreeMdev> candidates = new ArrayList<>();
                for (FreeMdev f : problem.freeMdevs()) {
                    if (removals.contains(f) || state.reusedByAnyone(f.parent().host().name(), f.uuid())) continue;
                    boolean onTarget = false, reusedByMe = false;
                    for (DeviceTarget t : eo.targets()) {
                        onTarget |= t.parent() == f.parent();
                        reusedByMe |= t.reuses() && t.reuseUuid().equalsIgnoreCase(f.uuid());
                    }
                    if (onTarget && !reusedByMe) candidates.add(f);
                }
                if (candidates.isEmpty()) continue;
                state.release(e.vm());
                Map<FreeMdev, Instance> taken = new LinkedHashMap<>();
                for (FreeMdev f : candidates) taken.put(f, state.takeInstance(f.parent(), f.uuid()));
                if (fits(state, eo, pol)) {
                    for (FreeMdev f : candidates) { // keep only the removals the fit needs
                        state.putInstance(f.parent(), taken.get(f));
                        if (fits(state, eo, pol)) taken.remove(f);
                        else state.removeInstance(f.parent(), f.uuid());
                    }
                    state.place(e.vm(), eo.hostName(), eo.targets(), null, null);
                    placed.put(e.name(), eo);
                    removals.addAll(taken.keySet());
                    break;
                }
                for (var x : taken.entrySet()) state.putInstance(x.getKey().parent(), x.getValue());
                state.unrelease(e.vm());
            }
        }
    }

    /**
     * Local search changes one VM at a time and will not step through "move a resident away" (worse on its own) to
     * reach "then the evacuee fits". With {@code allowRebalance}, try that two-step ejection directly: for an evacuee
     * still unplaced, find a rebalance candidate on one of its target hosts that can move elsewhere, after which the
     * evacuee fits where it was. Bounded, so it stays cheap on large fleets.
     */
    static void makeRoomByRebalancing(PlanningProblem problem, FleetState state, Map<String, PlacementOption> placed, Policy pol) {
        Map<String, List<VmRequest>> movableByHost = new HashMap<>();
        for (VmRequest r : problem.requests())
            if (!r.evacuee()) movableByHost.computeIfAbsent(r.vm().host(), h -> new ArrayList<>()).add(r);
        List<VmRequest> waiting = new ArrayList<>(problem.evacuees().stream().filter(r -> !placed.containsKey(r.name())).toList());
        waiting.sort(Comparator.comparingLong((VmRequest r) -> -r.vm().priority()).thenComparing(VmRequest::name));
        for (VmRequest e : waiting) {
            int tried = 0;
            outer:
            for (PlacementOption eo : e.options()) {
                if (++tried > 64) break;
                int residents = 0;
                for (VmRequest r : movableByHost.getOrDefault(eo.hostName(), List.of())) {
                    if (placed.containsKey(r.name()) || ++residents > 16) continue;
                    state.release(r.vm());
                    state.release(e.vm());
                    if (fits(state, eo, pol)) {
                        for (PlacementOption ro : r.options()) {
                            if (ro.hostName().equals(eo.hostName()) || !fits(state, ro, pol)) continue;
                            state.place(r.vm(), ro.hostName(), ro.targets(), null, null);
                            if (fits(state, eo, pol)) {
                                state.place(e.vm(), eo.hostName(), eo.targets(), null, null);
                                placed.put(r.name(), ro);
                                placed.put(e.name(), eo);
                                break outer;
                            }
                            state.unplace(r.vm(), ro.hostName());
                        }
                    }
                    state.unrelease(e.vm());
                    state.unrelease(r.vm());
                }
            }
        }
    }

    /** Places {@code r} on its first option that fits the state now; whether it found one. */
    private static boolean firstFit(FleetState state, VmRequest r, Map<String, PlacementOption> placed, Policy pol) {
        for (PlacementOption o : r.options()) {
            state.release(r.vm());
            if (fits(state, o, pol)) {
                state.place(r.vm(), o.hostName(), o.targets(), null, null);
                placed.put(r.name(), o);
                return true;
            }
            state.unrelease(r.vm());
        }
        return false;
    }

    /** Whether {@code o} fits the state now: CPU, memory, hard anti-affinity, and every target parent. */
    static boolean fits(FleetState state, PlacementOption o, Policy pol) {
        Vm vm = o.request().vm();
        Host h = o.host().host();
        if (state.usedCpus(h.name()) + vm.cpus() > h.cpus() || state.usedMemory(h.name()) + vm.memoryMiB() > h.memoryMiB()) return false;
        if (pol.hardAntiAffinity())
            for (FleetState.Resident r : state.residents(h.name()))
                for (String g : vm.groups()) if (r.vm().groups().contains(g) && !r.vm().name().equals(vm.name())) return false;
        Map<ParentView, List<Instance>> added = new LinkedHashMap<>();
        for (DeviceTarget t : o.targets()) {
            if (t.reuses()) {
                boolean present = state.instances(t.parent()).stream().anyMatch(i -> t.reuseUuid().equalsIgnoreCase(i.uuid()));
                if (!present || state.reusedByAnyone(h.name(), t.reuseUuid())) return false;
                continue;
            }
            added.computeIfAbsent(t.parent(), p -> new ArrayList<>()).add(Instance.added(t.type(), t.aggregation(), t.attrs()));
        }
        for (var e : added.entrySet()) {
            Fit f = FleetState.fit(e.getKey().capacity(), state.instances(e.getKey()), e.getValue());
            if (!f.fits()) return false;
        }
        return true;
    }

    private static Schedule sequence(FleetView view, PlanningProblem problem, List<FreeMdev> removals, List<PlannedMove> moves, Policy pol) {
        List<SeqParent> parents = new ArrayList<>();
        List<SeqHost> hosts = new ArrayList<>();
        for (Host h : view.fleet().hosts()) {
            for (ParentView p : view.parents(h.name())) parents.add(new SeqParent(p.key(), p.capacity(), p.existing(), p.governed().maxParallelPerParent()));
            long in = h.migration() != null && h.migration().maxInbound() != null ? h.migration().maxInbound() : pol.maxPerHost();
            long out = h.migration() != null && h.migration().maxOutbound() != null ? h.migration().maxOutbound() : pol.maxPerHost();
            hosts.add(new SeqHost(h.name(), h.cpus(), h.memoryMiB(), view.usedCpus(h.name()), view.usedMemory(h.name()), in, out,
                    h.state() == io.devplace.model.HostState.DOWN));
        }
        List<String[]> rem = new ArrayList<>();
        for (FreeMdev f : removals) rem.add(new String[]{f.parent().key(), f.uuid()});
        List<SeqMove> seq = new ArrayList<>();
        for (PlannedMove m : moves) {
            Vm vm = m.request().vm();
            List<SeqDevice> devs = new ArrayList<>();
            List<DeviceTarget> ts = m.option().targets();
            for (int i = 0; i < ts.size(); i++) {
                DeviceTarget t = ts.get(i);
                SourceDevice s = t.source();
                devs.add(new SeqDevice(s.parent().key(), s.mdev().uuid(), t.parent().key(), t.type(), t.aggregation(),
                        t.reuseUuid(), t.reuses() ? null : m.targetUuids().get(i), t.attrs()));
            }
            seq.add(new SeqMove(vm.name(), m.request().mode(), vm.host(), m.option().hostName(), vm.cpus(), vm.memoryMiB(),
                    m.request().evacuee() ? vm.priority() : Long.MIN_VALUE / 2 + vm.priority(), devs));
        }
        return new Sequencer(parents, hosts, pol.maxParallel()).schedule(rem, seq);
    }

    /** SPEC §2.3: per candidate host (every host not being emptied), why this VM cannot go there, most telling first. */
    static List<Reason> reasons(FleetState fin, PlanningProblem problem, VmRequest r, Policy pol) {
        List<Reason> out = new ArrayList<>();
        for (Host h : fin.view().fleet().hosts()) {
            if (problem.isEmptied(h) || h.name().equals(r.vm().host())) continue;
            HostVerdict v = HostFit.judge(fin, r.vm(), r.mode(), h, pol);
            out.add(v.fits() ? new Reason(Reason.INSUFFICIENT_DEVICE_CAPACITY, h.name(), null, null,
                    r.name() + " fits " + h.name() + " only in the final state; no order of waves reaches it with every step feasible")
                    : v.reason());
        }
        out.sort(Comparator.comparingInt(x -> RANK.indexOf(x.code())));
        return out;
    }

    private static final List<String> RANK = List.of(Reason.DISPLACED_BY_PRIORITY, Reason.FRAGMENTED, Reason.TYPE_LOCKED,
            Reason.INSUFFICIENT_DEVICE_CAPACITY, Reason.INSUFFICIENT_CPU, Reason.INSUFFICIENT_MEMORY, Reason.ANTI_AFFINITY,
            Reason.DOWNTIME_CAP, Reason.HOST_REQUIREMENT, Reason.NO_COMPATIBLE_DEVICE, Reason.NOT_LIVE_MIGRATABLE);

    static MoveMode modeOf(VmRequest r) { return r.mode(); }
}
