package io.devplace.planning;

import io.devplace.model.Host;
import io.devplace.model.HostState;
import io.devplace.model.Policy;
import io.devplace.model.Vm;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.FleetView;
import io.devplace.problem.FreeMdev;
import io.devplace.problem.ParentView;
import io.devplace.problem.PlacementOption;
import io.devplace.problem.SourceDevice;
import io.devplace.sequence.Schedule;
import io.devplace.sequence.SeqDevice;
import io.devplace.sequence.SeqHost;
import io.devplace.sequence.SeqMove;
import io.devplace.sequence.SeqParent;
import io.devplace.sequence.Sequencer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 4, sequence: the placement's moves get their new UUIDs (in VM name order, so a seed gives the same UUIDs) and
 * are ordered into waves whose every intermediate state is feasible; a move no order of waves reaches is left out.
 */
final class Sequence {
    /**
     * The outcome: the free mdevs removed in wave 0, the schedule (waves and slot offsets), and the moves it kept, in
     * schedule order.
     */
    record Sequenced(List<FreeMdev> removals, Schedule schedule, List<PlannedMove> moves) {}

    private Sequence() {}

    static Sequenced of(FleetView view, Placement placement, Long seed) {
        UuidSource uuids = new UuidSource(seed);
        List<PlannedMove> moves = new ArrayList<>();
        List<PlacementOption> ordered = new ArrayList<>(placement.placed.values());
        ordered.sort(Comparator.comparing(o -> o.request().name()));
        for (PlacementOption o : ordered) {
            List<String> ids = new ArrayList<>();
            for (DeviceTarget t : o.targets()) ids.add(t.reuses() ? t.reuseUuid() : uuids.next());
            moves.add(new PlannedMove(o.request(), o, ids));
        }
        Schedule schedule = schedule(view, placement.removals, moves, placement.policy);
        Map<String, PlannedMove> byVm = new HashMap<>();
        for (PlannedMove m : moves) byVm.put(m.request().name(), m);
        List<PlannedMove> scheduled = new ArrayList<>();
        for (SeqMove s : schedule.scheduled()) scheduled.add(byVm.get(s.vm()));
        return new Sequenced(placement.removals, schedule, scheduled);
    }

    private static Schedule schedule(FleetView view, List<FreeMdev> removals, List<PlannedMove> moves, Policy pol) {
        List<SeqParent> parents = new ArrayList<>();
        List<SeqHost> hosts = new ArrayList<>();
        for (Host h : view.fleet().hosts()) {
            for (ParentView p : view.parents(h.name())) parents.add(new SeqParent(p.key(), p.capacity(), p.existing(), p.governed().maxParallelPerParent()));
            long in = h.migration() != null && h.migration().maxInbound() != null ? h.migration().maxInbound() : pol.maxPerHost();
            long out = h.migration() != null && h.migration().maxOutbound() != null ? h.migration().maxOutbound() : pol.maxPerHost();
            hosts.add(new SeqHost(h.name(), h.cpus(), h.memoryMiB(), view.usedCpus(h.name()), view.usedMemory(h.name()), in, out,
                    h.state() == HostState.DOWN));
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
            // rebalance moves sort after every evacuee: they only make room
            seq.add(new SeqMove(vm.name(), m.request().mode(), vm.host(), m.option().hostName(), vm.cpus(), vm.memoryMiB(),
                    m.request().evacuee() ? vm.priority() : Long.MIN_VALUE / 2 + vm.priority(), devs));
        }
        return new Sequencer(parents, hosts, pol.maxParallel()).schedule(rem, seq);
    }
}
