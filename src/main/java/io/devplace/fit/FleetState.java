package io.devplace.fit;

import io.devplace.capacity.Fit;
import io.devplace.capacity.Instance;
import io.devplace.capacity.PackCapacity;
import io.devplace.capacity.ParentCapacity;
import io.devplace.model.Host;
import io.devplace.model.Vm;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.FleetView;
import io.devplace.problem.ParentView;
import io.devplace.problem.SourceDevice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A mutable picture of the fleet at one moment: the instances on every parent, CPU/memory used per host, and which VMs
 * sit where. Starts as the fleet is; moves and removals are applied to it. Used to judge one VM at a time.
 */
public final class FleetState {
    /** A VM placed on a host in this state, and whether this plan moved it there. */
    public record Resident(Vm vm, boolean moved, List<Instance> instances, List<String> reused) {}

    private final FleetView view;
    private final Map<ParentView, List<Instance>> instances = new HashMap<>();
    private final Map<String, long[]> used = new HashMap<>();
    private final Map<String, List<Resident>> residents = new HashMap<>();
    private final Map<ParentView, List<String>> newOwners = new HashMap<>();

    public FleetState(FleetView view) {
        this.view = view;
        for (Host h : view.fleet().hosts()) {
            for (ParentView p : view.parents(h.name())) instances.put(p, new ArrayList<>(p.existing()));
            used.put(h.name(), new long[]{view.usedCpus(h.name()), view.usedMemory(h.name())});
            List<Resident> rs = new ArrayList<>();
            for (Vm v : view.vmsOn(h.name())) rs.add(new Resident(v, false, List.of(), List.of()));
            residents.put(h.name(), rs);
        }
    }

    public FleetView view() { return view; }

    public List<Instance> instances(ParentView p) { return instances.get(p); }

    public long usedCpus(String host) { return used.get(host)[0]; }

    public long usedMemory(String host) { return used.get(host)[1]; }

    public List<Resident> residents(String host) { return residents.getOrDefault(host, List.of()); }

    public void removeInstance(ParentView p, String uuid) { instances.get(p).removeIf(i -> uuid.equalsIgnoreCase(i.uuid())); }

    /** Removes and returns instance {@code uuid} of {@code p} (null if absent), to put back with {@link #putInstance}. */
    public Instance takeInstance(ParentView p, String uuid) {
        for (Instance i : instances.get(p))
            if (uuid.equalsIgnoreCase(i.uuid())) {
                instances.get(p).remove(i);
                return i;
            }
        return null;
    }

    public void putInstance(ParentView p, Instance i) { if (i != null) instances.get(p).add(i); }

    private final Map<String, List<Object[]>> released = new HashMap<>();

    /** Moves {@code vm} to {@code host} with the given targets (uuids and slot offsets as chosen; either may be null). */
    public void move(Vm vm, String host, List<DeviceTarget> targets, List<String> targetUuids, List<Long> placements) {
        release(vm);
        place(vm, host, targets, targetUuids, placements);
        released.remove(vm.name());
    }

    /** Takes {@code vm} and its source instances off its current host (undo with {@link #unrelease}). */
    public void release(Vm vm) {
        List<Object[]> undo = new ArrayList<>();
        for (SourceDevice d : view.devices(vm)) {
            List<Instance> list = instances.get(d.parent());
            for (Instance i : list) if (d.mdev().uuid().equalsIgnoreCase(i.uuid())) undo.add(new Object[]{d.parent(), i});
            removeInstance(d.parent(), d.mdev().uuid());
        }
        released.put(vm.name(), undo);
        long[] u = used.get(vm.host());
        u[0] -= vm.cpus();
        u[1] -= vm.memoryMiB();
        residents.get(vm.host()).removeIf(r -> r.vm().name().equals(vm.name()));
    }

    /** Puts a released VM back where it was. */
    public void unrelease(Vm vm) {
        for (Object[] o : released.remove(vm.name())) instances.get((ParentView) o[0]).add((Instance) o[1]);
        long[] u = used.get(vm.host());
        u[0] += vm.cpus();
        u[1] += vm.memoryMiB();
        residents.get(vm.host()).add(new Resident(vm, false, List.of(), List.of()));
    }

    /** Places a released VM on {@code host} with the given targets. */
    public void place(Vm vm, String host, List<DeviceTarget> targets, List<String> targetUuids, List<Long> placements) {
        List<Instance> mine = new ArrayList<>();
        List<String> reused = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            DeviceTarget t = targets.get(i);
            if (t.reuses()) { reused.add(t.reuseUuid()); continue; }
            Instance n = new Instance(targetUuids == null ? null : targetUuids.get(i), t.type(), t.aggregation(),
                    placements == null ? null : placements.get(i), t.attrs());
            instances.get(t.parent()).add(n);
            mine.add(n);
        }
        long[] v = used.get(host);
        v[0] += vm.cpus();
        v[1] += vm.memoryMiB();
        residents.get(host).add(new Resident(vm, true, mine, reused));
    }

    /** Undoes {@link #place} of a released VM (its target instances leave {@code host} again). */
    public void unplace(Vm vm, String host) {
        Resident r = null;
        for (Resident x : residents.get(host)) if (x.vm().name().equals(vm.name())) r = x;
        if (r == null) return;
        residents.get(host).remove(r);
        for (List<Instance> list : instances.values()) for (Instance i : r.instances()) list.removeIf(x -> x == i);
        long[] v = used.get(host);
        v[0] -= vm.cpus();
        v[1] -= vm.memoryMiB();
    }

    /** Whether a VM in this state already reuses free instance {@code uuid}. */
    public boolean reusedByAnyone(String host, String uuid) {
        for (Resident r : residents(host)) for (String u : r.reused()) if (u.equalsIgnoreCase(uuid)) return true;
        return false;
    }

    /**
     * Whether {@code added} fits next to {@code instances} (a parent's instances in some state). Instances this state
     * placed without a slot offset (moves replayed before the sequencer picks offsets) are passed to the capacity
     * model as added ones, not as present: on slot parents it ignores present instances without an offset, and would
     * otherwise accept an overcommit that no choice of offsets can realise.
     */
    public static Fit fit(ParentCapacity capacity, List<Instance> instances, List<Instance> added) {
        // off slot parents every instance lacks an offset and present/added differ in meaning (the exclusive lock)
        if (!(capacity instanceof PackCapacity pc) || pc.slots() == 0) return capacity.fit(instances, added);
        List<Instance> present = new ArrayList<>(instances.size()), all = null;
        for (Instance i : instances) {
            if (i.placement() != null) { present.add(i); continue; }
            if (all == null) all = new ArrayList<>();
            all.add(i);
        }
        if (all == null) return capacity.fit(instances, added);
        all.addAll(added);
        Fit f = capacity.fit(present, all);
        // callers read the placements of their own added instances, in their order: those come last
        List<Long> mine = f.placements() == null ? null : f.placements().subList(all.size() - added.size(), all.size());
        return new Fit(f.shortfall(), f.penalty(), mine, f.detail());
    }

    /** The parent's instances without those of the given residents (used to ask "would it fit without them?"). */
    public List<Instance> instancesWithout(ParentView p, List<Resident> without) {
        List<Instance> out = new ArrayList<>(instances.get(p));
        for (Resident r : without) for (Instance i : r.instances()) out.remove(i);
        return out;
    }
}
