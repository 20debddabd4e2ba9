package io.devplace.problem;

import io.devplace.capacity.Capacities;
import io.devplace.capacity.Fit;
import io.devplace.capacity.Instance;
import io.devplace.model.Host;
import io.devplace.model.InputProblem;
import io.devplace.model.Locations;
import io.devplace.model.Mdev;
import io.devplace.model.ParentDevice;
import io.devplace.model.SupportedType;
import io.devplace.model.Vm;
import io.devplace.rules.AggregationRule;
import io.devplace.rules.TemplateException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks of docs/reference/fleet.md that need rule packs: descriptors instantiate, recorded placements are valid,
 * aggregation values are ones the types allow, the current state is within capacity, observed availableInstances
 * agree with the packs. Errors make the input invalid;
 * warnings are reported (and become errors under {@code --strict} where the contract says so).
 */
public final class FleetChecks {
    public record Result(List<InputProblem> errors, List<InputProblem> warnings, List<InputProblem> strictWarnings) {}

    private FleetChecks() {}

    public static Result run(FleetView view, Locations loc) {
        List<InputProblem> errors = new ArrayList<>(), warnings = new ArrayList<>(), strict = new ArrayList<>();
        Map<String, String> owner = new HashMap<>();
        Map<String, Integer> vmIndex = new HashMap<>();
        Map<String, Vm> vmByName = new HashMap<>(); // the first VM of a name, as Fleet.vm finds it
        for (int v = 0; v < view.fleet().vms().size(); v++) {
            Vm vm = view.fleet().vms().get(v);
            vmIndex.put(vm.name(), v);
            vmByName.putIfAbsent(vm.name(), vm);
            for (var d : vm.devices()) owner.put(vm.host() + "/" + d.ref().toLowerCase(), vm.name());
        }
        List<Host> hosts = view.fleet().hosts();
        for (int h = 0; h < hosts.size(); h++) {
            Host host = hosts.get(h);
            String hp = "hosts[" + h + "]";
            if (host.cpus() == 0 || host.memoryMiB() == 0)
                warnings.add(loc.problem(hp, "host " + host.name() + " has no " + (host.cpus() == 0 ? "cpus" : "memoryMiB")
                        + ": it cannot take VMs until they are given"));
            if (view.usedCpus(host.name()) > host.cpus() || view.usedMemory(host.name()) > host.memoryMiB())
                warnings.add(loc.problem(hp, "host " + host.name() + " runs VMs needing " + view.usedCpus(host.name()) + " vCPUs / "
                        + view.usedMemory(host.name()) + " MiB, above its " + host.cpus() + " / " + host.memoryMiB()));
            for (int p = 0; p < host.devices().size(); p++) {
                ParentDevice pd = host.devices().get(p);
                String pp = hp + ".devices[" + p + "]";
                ParentView pv = view.parent(host.name(), pd.id());
                if (pv.governed().pack() == null) {
                    var other = view.rules().otherKindMatch(pd);
                    String hint = other != null ? otherKindHint(other, pd) : io.devplace.rules.ModelHint.of(view.rules(), pd.driver(), pd.model());
                    warnings.add(loc.problem(hint == null || other != null ? pp : pp + ".model", "no rule pack governs " + host.name() + " " + pd.id()
                            + " (driver " + pd.driver()
                            + (hint == null ? "" : ": " + hint) + "): capacity from observed availableInstances, one new type at most, built-in compatibility"));
                }
                List<InputProblem> placementProblems = new ArrayList<>();
                Capacities.existing(pv.governed(), pv.capacity(), placementProblems, loc.file(), pp);
                for (InputProblem ip : placementProblems) errors.add(loc.problem(ip.path(), ip.message()));
                for (int m = 0; m < pd.mdevs().size(); m++) {
                    Mdev md = pd.mdevs().get(m);
                    String mp = pp + ".mdevs[" + m + "]";
                    if (pv.governed().pack() != null && !pv.governed().knowsType(md.type()))
                        errors.add(loc.problem(mp + ".type", "type " + md.type() + " is not one pack " + pv.governed().pack().name() + " knows"));
                    AggregationRule.Problem ap = pv.governed().aggregationProblem(md.type(), md.attrs());
                    if (ap != null) errors.add(aggregationError(loc, mp, host, pd, md, ap, pv.governed().pack().name()));
                    String o = owner.get(host.name() + "/" + md.uuid().toLowerCase());
                    try {
                        if (o != null) {
                            Vm vm = vmByName.get(o);
                            for (SourceDevice d : view.devices(vm)) if (d.mdev().uuid().equalsIgnoreCase(md.uuid())) view.descriptor(vm, d);
                        } else {
                            pv.governed().source(md, null, host.name() + " " + pd.id() + " " + md.uuid());
                        }
                    } catch (TemplateException e) {
                        errors.add(loc.problem(mp, "its descriptor cannot be built: " + e.getMessage()));
                    }
                }
                VfFleetChecks.parent(errors, loc, pp, view, host, pd, pv, owner, vmByName);
                // docs/reference/fleet.md: current consumption is checked against a rule pack's capacity. A parent no pack governs has
                // only observed availableInstances, which already leave out what exists: nothing to check it against.
                if (!pd.instances().isEmpty() && pv.governed().pack() != null) {
                    Fit f = pv.capacity().fit(List.of(), withoutPlacements(pv.existing()));
                    if (!f.fits())
                        strict.add(loc.problem(pp, host.name() + " " + pd.id() + " is over capacity now: " + f.detail()));
                }
                for (var st : pd.supportedTypes().entrySet()) {
                    SupportedType t = st.getValue();
                    if (pv.governed().pack() == null || t.availableInstances() == null) continue;
                    long predicted = predictedAvailable(pv, st.getKey());
                    if (predicted != t.availableInstances())
                        warnings.add(loc.problem(Locations.child(pp + ".supportedTypes", st.getKey()) + ".availableInstances",
                                host.name() + " " + pd.id() + " reports " + t.availableInstances() + " available " + st.getKey()
                                        + " but pack " + pv.governed().pack().name() + " predicts " + predicted));
                }
            }
        }
        // pairs on the same host only (vmsOn keeps fleet order, so warnings come out in the same order as a full scan)
        for (Vm a : view.fleet().vms())
            if (!a.groups().isEmpty())
                for (Vm b : view.vmsOn(a.host()))
                    if (a.name().compareTo(b.name()) < 0)
                        for (String g : a.groups())
                            if (b.groups().contains(g))
                                warnings.add(loc.problem("vms[" + vmIndex.get(a.name()) + "].groups", a.name() + " and " + b.name()
                                        + " of anti-affinity group " + g + " already share host " + a.host() + " (left alone)"));
        return new Result(errors, warnings, strict);
    }

    /** Why a parent that a pack of the other kind matches has no pack: a pack governs only parents of its kind. */
    static String otherKindHint(io.devplace.rules.LoadedPack other, ParentDevice pd) {
        return other.pack().vfDevices()
                ? "pack " + other.name() + " matches it but governs VF-based parents (devices: vf), and it lists "
                  + (pd.mdevs().isEmpty() ? "no vfs" : "mdevs")
                : "pack " + other.name() + " matches it but governs mdev parents (devices: mdev), and it lists vfs";
    }

    /**
     * An existing instance with an aggregation value its pack does not allow (docs/reference/rulepack.md, Aggregation):
     * it cannot exist as recorded, like a misaligned placement or a resource value the driver cannot read, so the
     * fleet is invalid input (a plan restarting or cold-moving its VM would create the same instance elsewhere). The
     * path names the offending write ({@code attrs[k].aggregator}), or {@code attrs} when the attribute is absent and 1
     * is below the type's minimum.
     */
    static InputProblem aggregationError(Locations loc, String mp, Host host, ParentDevice pd, Mdev md, AggregationRule.Problem ap, String pack) {
        String path = ap.index() < 0 ? mp + ".attrs" : Locations.child(mp + ".attrs[" + ap.index() + "]", ap.attr());
        String expected = ap.declared()
                ? ap.attr() + " from " + ap.min() + " to " + ap.max() + " on type " + md.type() + " (pack " + pack + ")"
                : ap.attr() + " 1 on type " + md.type() + ", which declares no aggregation (pack " + pack + " names " + ap.attr()
                  + " as the aggregation attribute of other types)";
        String got = ap.value() == null ? "none (= 1)" : "\"" + ap.value() + "\"";
        return loc.problem(path, host.name() + " " + pd.id() + " " + md.uuid() + ": expected " + expected + " but got " + got);
    }

    private static List<Instance> withoutPlacements(List<Instance> list) {
        List<Instance> out = new ArrayList<>();
        for (Instance i : list) out.add(new Instance(i.uuid(), i.type(), i.aggregation(), null, i.attrs()));
        return out;
    }

    /** How many more instances of {@code type} the pack says fit on this parent now (capped at 4096). */
    public static long predictedAvailable(ParentView pv, String type) {
        if (!pv.capacity().canCreate(type)) return 0;
        List<Instance> added = new ArrayList<>();
        for (int n = 0; n < 4096; n++) {
            added.add(Instance.added(type, 1));
            if (!pv.capacity().fit(pv.existing(), added).fits()) return n;
        }
        return 4096;
    }

}
