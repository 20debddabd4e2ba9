package io.devplace.whatif;

import io.devplace.model.Host;
import io.devplace.model.HostState;
import io.devplace.model.MoveMode;
import io.devplace.model.Vm;
import io.devplace.problem.Candidates;
import io.devplace.problem.FleetView;
import io.devplace.problem.Mobility;
import io.devplace.problem.SourceDevice;
import io.devplace.rules.TemplateException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * docs/reference/whatif.md {@code immobile}: live-migratable VMs that do not move in the scenario and afterwards have no other host
 * (not being emptied) to which they could live-migrate by the rules alone — compatibility and pack requirements, as
 * {@link Candidates} judges them; capacity ignored. VMs on hosts being emptied are left out (they move or are
 * reported unplaced), and so are added VMs.
 *
 * <p>VMs whose devices have the same descriptors on the same host get the same answer, so it is computed once.
 */
final class Immobility {
    private Immobility() {}

    static List<String> of(FleetView view, Set<String> moved, Set<String> added) {
        List<Host> targets = new ArrayList<>();
        for (Host h : view.fleet().hosts()) if (view.isTargetable(h)) targets.add(h);
        Map<List<Object>, Boolean> memo = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (Vm vm : view.fleet().vms()) {
            if (!Mobility.canMoveLive(view, vm) || moved.contains(vm.name()) || added.contains(vm.name())) continue;
            Host src = view.fleet().host(vm.host());
            if (src == null || src.state() != HostState.ACTIVE) continue;
            List<Object> key = key(view, vm);
            Boolean mobile = key == null ? null : memo.get(key);
            if (mobile == null) {
                mobile = false;
                for (Host h : targets) {
                    if (h.name().equals(vm.host())) continue;
                    if (Candidates.on(view, vm, MoveMode.LIVE, h).possible()) { mobile = true; break; }
                }
                if (key != null) memo.put(key, mobile);
            }
            if (!mobile) out.add(vm.name());
        }
        return out;
    }

    /** What Candidates reads of a VM: its host, and per device the source pack and descriptor. Null: do not memoize. */
    private static List<Object> key(FleetView view, Vm vm) {
        List<Object> k = new ArrayList<>();
        k.add(vm.host());
        for (SourceDevice d : view.devices(vm)) {
            k.add(d.parent().key());
            try {
                k.add(view.descriptor(vm, d));
            } catch (TemplateException e) {
                return null;
            }
        }
        return k;
    }
}
