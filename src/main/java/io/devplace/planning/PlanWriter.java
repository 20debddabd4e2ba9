package io.devplace.planning;

import io.devplace.bound.Optimality;
import io.devplace.model.MoveMode;
import io.devplace.model.Plan;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.FleetView;
import io.devplace.problem.FreeMdev;
import io.devplace.problem.ParentView;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.SourceDevice;
import io.devplace.sequence.Schedule;
import io.devplace.solver.Assignment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes the Plan document (docs/reference/plan.md): moves by wave, executable actions in order, unplaced VMs, summary. */
final class PlanWriter {
    private PlanWriter() {}

    static Plan write(FleetView view, PlanningProblem problem, Assignment a, List<FreeMdev> removed, Schedule schedule, List<PlannedMove> scheduled,
                      List<Plan.Unplaced> unplaced, String fleetDigest) {
        Map<String, String> vfOf = VfAssigner.assign(removed, schedule, scheduled);
        List<Plan.Move> moves = new ArrayList<>();
        for (PlannedMove m : WaveOrder.all(schedule, scheduled)) moves.add(move(m, schedule, vfOf));

        List<Plan.Action> actions = new ArrayList<>();
        List<FreeMdev> removals = new ArrayList<>(removed);
        removals.sort(Comparator.comparing((FreeMdev f) -> f.parent().key()).thenComparing(FreeMdev::uuid));
        for (FreeMdev f : removals) actions.add(removal(0, f.parent(), f.uuid()));
        List<List<PlannedMove>> waves = WaveOrder.byWave(schedule, scheduled);
        for (int w = 1; w <= waves.size(); w++) {
            List<PlannedMove> in = waves.get(w - 1);
            for (PlannedMove m : in) {
                List<DeviceTarget> ts = m.option().targets();
                for (int i = 0; i < ts.size(); i++) {
                    DeviceTarget t = ts.get(i);
                    if (t.reuses()) continue;
                    String id = m.targetUuids().get(i);
                    Long placement = schedule.placementOf().get(id);
                    actions.add(t.parent().parent().vfBased()
                            ? Plan.Action.configureVf(w, t.parent().host().name(), t.parent().id(), vfOf.get(id), t.type(), t.attrs(), placement)
                            : Plan.Action.create(w, t.parent().host().name(), t.parent().id(), id, t.type(), t.attrs(), placement));
                }
            }
            for (PlannedMove m : in)
                actions.add(Plan.Action.migrate(w, m.request().mode(), m.request().name(), m.request().vm().host(), m.option().hostName()));
            for (PlannedMove m : in) {
                if (m.request().mode() == MoveMode.RESTART) continue; // the host is gone: nothing to remove there
                for (DeviceTarget t : m.option().targets()) {
                    SourceDevice s = t.source();
                    actions.add(removal(w, s.parent(), s.mdev().uuid()));
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

    /** remove-mdev, or reset-vf on a VF-based parent. */
    private static Plan.Action removal(long wave, ParentView p, String id) {
        return p.parent().vfBased() ? Plan.Action.resetVf(wave, p.host().name(), p.id(), id) : Plan.Action.remove(wave, p.host().name(), p.id(), id);
    }

    private static Plan.Move move(PlannedMove m, Schedule schedule, Map<String, String> vfOf) {
        List<Plan.MoveDevice> devs = new ArrayList<>();
        List<DeviceTarget> ts = m.option().targets();
        for (int i = 0; i < ts.size(); i++) {
            DeviceTarget t = ts.get(i);
            SourceDevice s = t.source();
            String uuid = m.targetUuids().get(i);
            Plan.Source src = s.parent().parent().vfBased() ? new Plan.Source(s.parent().id(), null, s.mdev().type(), s.mdev().uuid())
                    : new Plan.Source(s.parent().id(), s.mdev().uuid(), s.mdev().type());
            Long placement = t.reuses() ? null : schedule.placementOf().get(uuid);
            Plan.Target tgt = t.parent().parent().vfBased()
                    ? new Plan.Target(t.parent().id(), t.type(), t.attrs(), null, t.reuses() ? "reuse" : "configure", placement, t.rule(),
                            t.reuses() ? uuid : vfOf.get(uuid))
                    : new Plan.Target(t.parent().id(), t.type(), t.attrs(), uuid, t.reuses() ? "reuse" : "create", placement, t.rule());
            devs.add(new Plan.MoveDevice(src, tgt));
        }
        long downtime = m.request().mode() == MoveMode.LIVE ? m.option().downtimeMs() : -1;
        return new Plan.Move(m.request().name(), m.request().mode(), m.request().vm().host(), m.option().hostName(),
                schedule.waveOf().get(m.request().name()), downtime, devs);
    }
}
