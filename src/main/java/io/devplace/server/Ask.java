package io.devplace.server;

import io.devplace.fit.DeviceRequest;
import io.devplace.model.HostState;
import io.devplace.model.MoveMode;
import io.devplace.model.Policy;
import io.devplace.model.Vm;

import java.util.List;

/**
 * What is to be placed: a VM of the fleet that would move (judged by its compatibility rules, {@code mode} set), or a
 * new VM that exists only as requests ({@code devices}; judged by type and attrs).
 *
 * @param mode for an existing VM, how it would move; null when it cannot move at all (not live-migratable)
 */
record Ask(Vm vm, boolean existing, MoveMode mode, List<DeviceRequest> devices) {
    static Ask newVm(Vm vm, List<DeviceRequest> devices) { return new Ask(vm, false, null, List.copyOf(devices)); }

    /** A fleet VM: restarted if its host is down, else live, else cold when the policy allows it (as {@code explain}). */
    static Ask existing(Vm vm, HostState sourceState, Policy pol) {
        MoveMode m = sourceState == HostState.DOWN ? MoveMode.RESTART : vm.isLiveMigratable() ? MoveMode.LIVE
                : pol.allowCold() ? MoveMode.COLD : null;
        return new Ask(vm, true, m, List.of());
    }

    /** A fleet VM whose migration target is being scheduled (a KubeVirt target pod): always a live move. */
    static Ask migration(Vm vm) { return new Ask(vm, true, vm.isLiveMigratable() ? MoveMode.LIVE : null, List.of()); }

    /**
     * This fleet VM with no CPU, memory or groups (its name, host, priority and devices kept): what judging its devices
     * alone sees. See {@code Placer.judgeAlike}.
     */
    Ask sizeless() {
        Vm v = new Vm(vm.name(), vm.host(), 0, 0, vm.priority(), vm.liveMigratable(), List.of(), vm.devices());
        return new Ask(v, existing, mode, devices);
    }

    boolean asksNothing() { return !existing && devices.isEmpty(); }

    /** Identifies everything a verdict depends on besides fleet, state and policy. */
    String key() { return existing ? rulesKey() : "new:" + vm + devices; }

    /** Identifies what a rules-only verdict depends on: the VM and how it moves, or just the devices asked for. */
    String rulesKey() { return existing ? "vm:" + vm.name() + ":" + mode : "new:" + devices; }
}
