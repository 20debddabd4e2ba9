package io.devplace.problem;

import io.devplace.model.Host;
import io.devplace.model.Mdev;
import io.devplace.model.MoveMode;
import io.devplace.model.Reason;
import io.devplace.model.Vm;
import io.devplace.rules.Match;
import io.devplace.rules.SourceDescriptor;
import io.devplace.rules.TargetOffer;
import io.devplace.rules.TemplateException;

import java.util.ArrayList;
import java.util.List;

/**
 * Which devices a host can give a VM by the rules alone (compatibility and pack requirements; capacity is judged
 * elsewhere). Live moves use the descriptors (docs/reference/rulepack.md); cold and restart moves need the same type and attrs.
 */
public final class Candidates {
    private Candidates() {}

    public static HostCandidates on(FleetView view, Vm vm, MoveMode mode, Host target) {
        List<Reason> blockers = new ArrayList<>();
        List<List<DeviceTarget>> perDevice = new ArrayList<>();
        if (mode == MoveMode.LIVE) {
            for (SourceDevice d : view.devices(vm)) {
                List<String> f = d.parent().governed().requiresFailures();
                if (!f.isEmpty()) {
                    blockers.add(Reasons.hostRequirement(target.name(), "source: " + String.join("; ", f)));
                    return new HostCandidates(target, List.of(), blockers);
                }
            }
        }
        for (SourceDevice d : view.devices(vm)) {
            List<DeviceTarget> targets = new ArrayList<>();
            List<String> requirementMisses = new ArrayList<>();
            String descriptorError = null;
            SourceDescriptor desc = null;
            if (mode == MoveMode.LIVE) {
                try {
                    desc = view.descriptor(vm, d);
                } catch (TemplateException e) {
                    descriptorError = e.getMessage();
                }
            }
            // a host none of whose offers the descriptor accepts yields no target: same outcome, without the scan
            if (descriptorError == null && (mode != MoveMode.LIVE || view.mayMatch(desc, target.name()))) {
                for (ParentView p : view.parents(target.name())) {
                    for (String type : p.governed().creatableTypes()) {
                        if (!p.capacity().canCreate(type)) continue;
                        DeviceTarget t = mode == MoveMode.LIVE ? live(d, desc, view, p, type) : sameTypeAndAttrs(d, p, type);
                        if (t == null) continue;
                        if (mode == MoveMode.LIVE) {
                            List<String> f = p.governed().requiresFailures();
                            if (!f.isEmpty()) { requirementMisses.addAll(f); continue; }
                        }
                        targets.add(t);
                        addReuses(t, p, targets);
                    }
                }
            }
            if (targets.isEmpty()) {
                if (!requirementMisses.isEmpty()) blockers.add(Reasons.hostRequirement(target.name(), requirementMisses.get(0)));
                else if (descriptorError != null) blockers.add(Reasons.invalidDescriptor(target.name(), d.index(), descriptorError));
                else blockers.add(Reasons.noCompatibleDevice(target.name(), d.mdev().type(), d.index()));
                return new HostCandidates(target, List.of(), blockers);
            }
            perDevice.add(targets);
        }
        return new HostCandidates(target, perDevice, blockers);
    }

    private static DeviceTarget live(SourceDevice d, SourceDescriptor desc, FleetView view, ParentView p, String type) {
        TargetOffer offer;
        try {
            offer = p.governed().offer(type);
        } catch (TemplateException e) {
            return null; // a target whose own descriptor cannot be built is no target
        }
        Match m = view.rules().matcher().match(desc, offer);
        if (!m.compatible()) return null;
        var r = m.recipe(p.id(), type);
        return new DeviceTarget(d, p, type, r.attrs(), p.governed().aggregationOf(type, r.attrs()), null, r.rule());
    }

    private static DeviceTarget sameTypeAndAttrs(SourceDevice d, ParentView p, String type) {
        if (!type.equals(d.mdev().type())) return null;
        // the target's pack may allow fewer (or no) aggregation values than the source's: the driver would refuse the copy
        if (p.governed().aggregationProblem(type, d.mdev().attrs()) != null) return null;
        return new DeviceTarget(d, p, type, d.mdev().attrs(), p.governed().aggregationOf(type, d.mdev().attrs()), null, "same-type");
    }

    /** Unowned existing instances with the needed type and attrs may be reused instead of creating one (docs/reference/plan.md). */
    private static void addReuses(DeviceTarget t, ParentView p, List<DeviceTarget> out) {
        for (Mdev m : p.freeMdevs()) {
            if (!m.type().equals(t.type())) continue;
            if (!Attrs.same(m.attrs(), t.attrs(), p.governed())) continue;
            out.add(new DeviceTarget(t.source(), p, t.type(), m.attrs(), p.governed().aggregationOf(m.type(), m.attrs()), m.uuid(), t.rule()));
        }
    }
}
