package io.devplace.planning;

import io.devplace.bound.Optimality;
import io.devplace.model.MoveMode;
import io.devplace.model.Plan;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.FleetView;
import io.devplace.problem.FreeMdev;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.SourceDevice;
import io.devplace.sequence.Schedule;
import io.devplace.solver.Assignment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Writes the Plan document (SPEC §2.1): moves by wave, executable actions in order, unplaced VMs, summary. */
final class PlanWriter {
    private PlanWriter() {}

    static Plan write(FleetView view, PlanningProblem problem, Assignment a, List<FreeMdev> removed, Schedule schedule, List<PlannedMove> scheduled,
                      List<Plan.Unplaced> unplaced, String fleetDigest) {
        List<PlannedMove> byWave = new ArrayList<>(scheduled);
        byWave.sort(Comparator.comparingInt((PlannedMove m) -> schedule.waveOf().get(m.request().name())).thenComparing(m -> m.request().name()));
        List<Plan.Move> moves = new ArrayList<>();
        for (PlannedMove m : byWave) moves.add(move(m, schedule));

        List<Plan.Action> actions = new ArrayList<>();
        List<FreeMdev> removals = new ArrayList<>(removed);
        removals.sort(Comparator.comparing((FreeMdev f) -> f.parent().key()).thenComparing(FreeMdev::uuid));
        for (FreeMdev f : removals) actions.add(Plan.Action.remove(0, f.parent().host().name(), f.parent().id(), f.uuid()));
        for (int w = 1; w <= schedule.waves(); w++) {
            final int wave = w;
            List<PlannedMove> in = byWave.stream().filter(m -> schedule.waveOf().get(m.request().name()) == wave).toList();
            for (PlannedMove m : in) {
                List<DeviceTarget> ts = m.option().targets();
                for (int i = 0; i < ts.size(); i++) {
                    DeviceTarget t = ts.get(i);
                    if (t.reuses()) continue;
                    actions.add(Plan.Action.create(w, t.parent().host().name(), t.parent().id(), m.targetUuids().get(i), t.type(), t.attrs(),
                            schedule.placementOf().get(m.targetUuids().get(i))));
                }
            }
            for (PlannedMove m : in)
                actions.add(Plan.Action.migrate(w, m.request().mode(), m.request().name(), m.request().vm().host(), m.option().hostName()));
            for (PlannedMove m : in) {
                if (m.request().mode() == MoveMode.RESTART) continue; // the host is gone: nothing to remove there
                for (DeviceTarget t : m.option().targets()) {
                    SourceDevice s = t.source();
                    actions.add(Plan.Action.remove(w, s.parent().host().name(), s.parent().id(), s.mdev().uuid()));
                }
            }
        }
        long vms = problem.evacuees().size() + problem.notMovable().size();
        Set<String> placedVms = new HashSet<>();
        for (PlannedMove m : scheduled) if (m.request().evacuee()) placedVms.add(m.request().name());
        Optimality.Proof proof = Optimality.prove(problem, placedVms);
        Plan.Summary summary = new Plan.Summary(vms, placedVms.size(), unplaced.size(), scheduled.size(), schedule.waves(),
                proof.placedBound(), proof.optimal(), a.score(), a.solveMillis(), fleetDigest);
        return new Plan("devplace/v1", "Plan", new Plan.Request(List.copyOf(problem.request().evacuate()), problem.request().policy()),
                summary, moves, actions, unplaced);
    }

    private static Plan.Move move(PlannedMove m, Schedule schedule) {
        List<Plan.MoveDevice> devs = new ArrayList<>();
        List<DeviceTarget> ts = m.option().targets();
        for (int i = 0; i < ts.size(); i++) {
            DeviceTarget t = ts.get(i);
            SourceDevice s = t.source();
            String uuid = m.targetUuids().get(i);
            devs.add(new Plan.MoveDevice(new Plan.Source(s.parent().id(), s.mdev().uuid(), s.mdev().type()),
                    new Plan.Target(t.parent().id(), t.type(), t.attrs(), uuid, t.reuses() ? "reuse" : "create",
                            t.reuses() ? null : schedule.placementOf().get(uuid), t.rule())));
        }
        long downtime = m.request().mode() == MoveMode.LIVE ? m.option().downtimeMs() : -1;
        return new Plan.Move(m.request().name(), m.request().mode(), m.request().vm().host(), m.option().hostName(),
                schedule.waveOf().get(m.request().name()), downtime, devs);
    }
}
