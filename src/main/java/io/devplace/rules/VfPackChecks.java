package io.devplace.rules;

import io.devplace.model.InputProblem;
import io.devplace.model.Locations;
import io.devplace.model.ParentDevice;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The pack fields of VF-based drivers (docs/vf.md): {@code devices} and {@code vf}, and which parents a pack's kind fits. */
public final class VfPackChecks {
    private VfPackChecks() {}

    /**
     * Whether a pack of this kind may govern {@code parent}: a parent that lists VFs is VF-based and only a
     * {@code devices: vf} pack governs it; any other parent (listing mdevs, or nothing yet) is an mdev parent, governed
     * only by an mdev pack.
     */
    public static boolean kindFits(RulePack pack, ParentDevice parent) {
        return parent.vfBased() == pack.vfDevices();
    }

    static void check(RulePack p, Locations loc, List<InputProblem> problems) {
        if (!RulePack.MDEV.equals(p.devices()) && !RulePack.VF.equals(p.devices()))
            problems.add(loc.problem("devices", "expected 'mdev' or 'vf' but got '" + p.devices() + "'"));
        VfSpec vf = p.vf();
        if (vf == null) return;
        if (!p.vfDevices()) problems.add(loc.problem("vf", "only a pack with devices: vf describes VFs"));
        try {
            Pattern line = Pattern.compile(vf.typeLine());
            if (!line.pattern().contains("(?<id>")) problems.add(loc.problem("vf.typeLine", "expected a named group (?<id>...) for the type id"));
        } catch (PatternSyntaxException e) {
            problems.add(loc.problem("vf.typeLine", "not a regular expression: " + e.getDescription()));
        }
        if (vf.boundType() != null && !p.types().containsKey(vf.boundType()))
            problems.add(loc.problem("vf.boundType", "type " + vf.boundType() + " is not declared in types"));
        if ((vf.boundDriver() == null) != (vf.boundType() == null))
            problems.add(loc.problem(vf.boundDriver() == null ? "vf.boundDriver" : "vf.boundType", "expected boundDriver and boundType together"));
        writes(vf.configure(), "vf.configure", loc, problems);
        writes(vf.reset(), "vf.reset", loc, problems);
    }

    private static void writes(List<VfSpec.SysfsWrite> ws, String path, Locations loc, List<InputProblem> problems) {
        for (int i = 0; i < ws.size(); i++) {
            VfSpec.SysfsWrite w = ws.get(i);
            if (w == null || w.path() == null || w.path().isBlank() || w.value() == null)
                problems.add(loc.problem(path + "[" + i + "]", "expected {path: ..., value: ...}"));
            else if (w.path().contains("..")) problems.add(loc.problem(path + "[" + i + "].path", "expected a path without '..'"));
        }
    }
}
