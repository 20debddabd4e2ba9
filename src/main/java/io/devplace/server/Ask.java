package io.devplace.server;

import io.devplace.fit.DeviceRequest;
import io.devplace.model.HostState;
import io.devplace.model.MoveMode;
import io.devplace.model.Policy;
import io.devplace.model.Vm;
import io.devplace.problem.FleetView;
import io.devplace.problem.Mobility;

import java.util.List;

/**
 * What is to be placed: a VM of the fleet that would move (judged by its compatibility rules, {@code mode} set), or a
 * new VM that exists only as requests ({@code devices}; judged by type and attrs).
 *
 * @param mode for an existing VM, how it would move; null when it cannot move at all (not live-migratable)
 * @param unmovable with mode null for an existing VM: why (the NOT_LIVE_MIGRATABLE detail)
 */
record Ask(Vm vm, boolean existing, MoveMode mode, List<DeviceRequest> devices, String unmovable) {
    static Ask newVm(Vm vm, List<DeviceRequest> devices) { return new Ask(vm, false, null, List.copyOf(devices), null); }

    /** A fleet VM: how it would move as {@link Mobility} decides it (as {@code explain} and planning do). */
    static Ask existing(FleetView view, Vm vm, HostState sourceState, Policy pol) {
        Mobility m = Mobility.of(view, vm, sourceState, pol);
        return new Ask(vm, true, m.mode(), List.of(), m.mode() == null ? m.unmovable() : null);
    }

    /** A fleet VM whose migration target is being scheduled (a KubeVirt target pod): always a live move. */
    static Ask migration(FleetView view, Vm vm) {
        Mobility m = Mobility.of(view, vm, HostState.ACTIVE, Policy.defaults());
        return new Ask(vm, true, m.live() ? MoveMode.LIVE : null, List.of(), m.notLive());
    }

    /**
     * This fleet VM with no CPU, memory or groups (its name, host, priority and devices kept): what judging its devices
     * alone sees. See {@code Placer.judgeAlike}.
     */
    Ask sizeless() {
        Vm v = new Vm(vm.name(), vm.host(), 0, 0, vm.priority(), vm.liveMigratable(), List.of(), vm.devices());
        return new Ask(v, existing, mode, devices, unmovable);
    }

    boolean asksNothing() { return !existing && devices.isEmpty(); }

    /** Identifies everything a verdict depends on besides fleet, state and policy. */
    String key() { return existing ? rulesKey() : "new:" + vm + devices; }

    /** Identifies what a rules-only verdict depends on: the VM and how it moves, or just the devices asked for. */
    String rulesKey() { return existing ? "vm:" + vm.name() + ":" + mode : "new:" + devices; }
}
