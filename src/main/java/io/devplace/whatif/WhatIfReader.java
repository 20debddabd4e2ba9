package io.devplace.whatif;

import io.devplace.model.Documents;
import io.devplace.model.Host;
import io.devplace.model.InputProblem;
import io.devplace.model.InvalidInputException;
import io.devplace.model.Locations;
import io.devplace.problem.FleetView;
import io.devplace.problem.ParentView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a WhatIf document strictly (docs/reference/README.md: unknown fields, duplicate keys, wrong types are errors with file, path
 * and line) and checks it against the fleet: unique scenario names, host names that exist, label selections that
 * select something, counts that are counts, and template device types some parent of the fleet can create.
 */
public final class WhatIfReader {
    /** More new VMs than this in one scenario is refused: the answer would take too long to be useful. */
    public static final long MAX_ADDED_PER_SCENARIO = 10_000;

    private WhatIfReader() {}

    public static WhatIf read(String file, FleetView view) {
        return check(Documents.read(file, "WhatIf", WhatIf.class), view);
    }

    public static WhatIf parse(String file, byte[] bytes, FleetView view) {
        return check(Documents.parse(file, bytes, "WhatIf", WhatIf.class), view);
    }

    static WhatIf check(Documents.Parsed<WhatIf> d, FleetView view) {
        List<InputProblem> problems = problems(d.value(), view, d.locations());
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        return d.value();
    }

    /** Every type some parent of the fleet can create (per its pack, or observed supportedTypes), sorted. */
    public static Set<String> creatableTypes(FleetView view) {
        Set<String> out = new TreeSet<>();
        for (Host h : view.fleet().hosts())
            for (ParentView p : view.parents(h.name()))
                for (String t : p.governed().creatableTypes()) if (p.capacity().canCreate(t)) out.add(t);
        return out;
    }

    static List<InputProblem> problems(WhatIf w, FleetView view, Locations loc) {
        List<InputProblem> out = new ArrayList<>();
        if (w.scenarios() == null || w.scenarios().isEmpty()) {
            out.add(loc.problem("scenarios", "expected at least one scenario"));
            return out;
        }
        Set<String> types = creatableTypes(view);
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < w.scenarios().size(); i++) {
            WhatIf.Scenario s = w.scenarios().get(i);
            String sp = "scenarios[" + i + "]";
            if (s == null) { out.add(loc.problem(sp, "expected a scenario mapping")); continue; }
            if (s.name() == null || s.name().isBlank()) out.add(loc.problem(sp + ".name", "expected a scenario name"));
            else if (names.putIfAbsent(s.name(), i) != null)
                out.add(loc.problem(sp + ".name", "duplicate scenario name '" + s.name() + "' (first at scenarios[" + names.get(s.name()) + "])"));
            if (s.set() != null) {
                if (s.set().hosts() == null) out.add(loc.problem(sp + ".set.hosts", "expected the hosts to change, by {names: [...]} or {labels: {...}}"));
                else selector(out, loc, sp + ".set.hosts", s.set().hosts(), view);
                if (s.set().attributes() == null || s.set().attributes().isEmpty())
                    out.add(loc.problem(sp + ".set.attributes", "expected at least one attribute to set, e.g. {vgpu_manager: \"18.0\"}"));
                else s.set().attributes().forEach((k, v) -> {
                    if (v == null) out.add(loc.problem(sp + ".set.attributes." + k, "expected a string value"));
                });
            }
            if (s.eachLabelDown() != null) {
                if (s.eachLabelDown().isBlank()) out.add(loc.problem(sp + ".eachLabelDown", "expected a label name, e.g. rack"));
                else if (Boolean.TRUE.equals(s.eachHostDown()))
                    out.add(loc.problem(sp + ".eachLabelDown", "expected one sweep per scenario: eachHostDown or eachLabelDown, not both"));
                else if (view.fleet().hosts().stream().noneMatch(h -> h.labels().containsKey(s.eachLabelDown())))
                    out.add(loc.problem(sp + ".eachLabelDown", "no host of the fleet has label '" + s.eachLabelDown() + "'"));
            }
            if (s.down() != null) selector(out, loc, sp + ".down", s.down(), view);
            if (s.drain() != null) selector(out, loc, sp + ".drain", s.drain(), view);
            long total = 0;
            for (int a = 0; a < s.add().size(); a++) {
                WhatIf.AddSpec add = s.add().get(a);
                String ap = sp + ".add[" + a + "]";
                if (add == null) { out.add(loc.problem(ap, "expected {count: N, vm: {...}}")); continue; }
                if (add.count() == null) out.add(loc.problem(ap + ".count", "expected the number of VMs to add"));
                else if (add.count() < 0) out.add(loc.problem(ap + ".count", "expected a count >= 0 but got " + add.count()));
                else total += add.count();
                WhatIf.VmTemplate vm = add.vm();
                if (vm == null) { out.add(loc.problem(ap + ".vm", "expected a VM template {cpus, memoryMiB, devices: [{type}]}")); continue; }
                if (vm.cpus() != null && vm.cpus() < 0) out.add(loc.problem(ap + ".vm.cpus", "expected a count >= 0 but got " + vm.cpus()));
                if (vm.memoryMiB() != null && vm.memoryMiB() < 0)
                    out.add(loc.problem(ap + ".vm.memoryMiB", "expected a count >= 0 but got " + vm.memoryMiB()));
                for (int d = 0; d < vm.devices().size(); d++) {
                    WhatIf.DeviceTemplate dev = vm.devices().get(d);
                    String dp = ap + ".vm.devices[" + d + "]";
                    if (dev == null) { out.add(loc.problem(dp, "expected a device {type: ..., attrs: [...]}")); continue; }
                    if (dev.type() == null || dev.type().isBlank()) out.add(loc.problem(dp + ".type", "expected a device type id (e.g. nvidia-713)"));
                    else if (!types.contains(dev.type()))
                        out.add(loc.problem(dp + ".type", "type " + dev.type() + " is not one any parent in the fleet can create"));
                    for (int k = 0; k < dev.attrs().size(); k++) {
                        Map<String, String> at = dev.attrs().get(k);
                        if (at == null || at.size() != 1 || at.values().iterator().next() == null)
                            out.add(loc.problem(dp + ".attrs[" + k + "]", "expected a one-key mapping like {aggregator: \"2\"}"));
                    }
                }
            }
            if (total > MAX_ADDED_PER_SCENARIO)
                out.add(loc.problem(sp + ".add", "adds " + total + " VMs; at most " + MAX_ADDED_PER_SCENARIO + " per scenario are supported"));
        }
        return out;
    }

    private static void selector(List<InputProblem> out, Locations loc, String path, WhatIf.HostSelector sel, FleetView view) {
        boolean hasNames = sel.names() != null && !sel.names().isEmpty();
        boolean hasLabels = sel.labels() != null && !sel.labels().isEmpty();
        if (hasNames == hasLabels) {
            out.add(loc.problem(path, hasNames ? "expected names or labels, not both"
                    : "expected hosts by {names: [a, b]} or by {labels: {rack: r1}}"));
            return;
        }
        if (hasNames) {
            for (int i = 0; i < sel.names().size(); i++) {
                String n = sel.names().get(i);
                if (n == null || view.fleet().host(n) == null)
                    out.add(loc.problem(path + ".names[" + i + "]", "host '" + n + "' is not in the fleet"));
            }
            return;
        }
        for (var e : sel.labels().entrySet())
            if (e.getValue() == null) { out.add(loc.problem(path + ".labels." + e.getKey(), "expected a string value")); return; }
        if (Scenarios.select(view.fleet(), sel).isEmpty())
            out.add(loc.problem(path + ".labels", "no host of the fleet has labels " + sel.labels()));
    }
}
