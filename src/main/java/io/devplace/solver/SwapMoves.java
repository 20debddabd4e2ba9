package io.devplace.solver;

import io.devplace.problem.DeviceTarget;
import io.devplace.problem.PlacementOption;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Swaps two placed VMs' positions: A takes an option on B's host and parents, B one on A's host and parents. Two VMs
 * never share a value (options are per VM), so Timefold's own swap move cannot express this; a swap of a large and a
 * small VM between two parents can free the room a third VM needs. Nearby: B is drawn among the VMs on the parents
 * (or, failing that, the host) of an option of A.
 */
public class SwapMoves extends CompoundMoves {
    @Override
    String kind() { return "Swap"; }

    @Override
    Reassign build(Occupancy occ, Reassign.Variables vars, Random random) {
        if (occ.placed.isEmpty()) return null;
        VmPlacement a = occ.placed.get(random.nextInt(occ.placed.size()));
        PlacementOption aNow = occ.optionOf(a);
        if (aNow == null || a.getOptions().size() < 2) return null;
        PlacementOption aTry = a.getOptions().get(random.nextInt(a.getOptions().size()));
        if (aTry.hostName().equals(aNow.hostName())) return null;
        List<VmPlacement> near = new ArrayList<>();
        for (Object b : occ.blockers(a, aTry)) if (b instanceof VmPlacement q && q != a && occ.optionOf(q) != null) near.add(q);
        if (near.isEmpty()) return null;
        VmPlacement b = near.get(random.nextInt(near.size()));
        PlacementOption bNow = occ.optionOf(b);
        PlacementOption aTo = onSameParents(a, bNow);
        PlacementOption bTo = onSameParents(b, aNow);
        if (aTo == null || bTo == null) return null;
        return new Reassign(kind(), vars, List.of(a, b), List.of(aTo, bTo), List.of(), List.of());
    }

    /** An option of {@code p} on {@code where}'s host whose new instances go to parents {@code where} uses, or null. */
    static PlacementOption onSameParents(VmPlacement p, PlacementOption where) {
        PlacementOption sameHost = null;
        for (PlacementOption o : p.getOptions()) {
            if (!o.hostName().equals(where.hostName())) continue;
            if (parentsWithin(o, where)) return o;
            if (sameHost == null) sameHost = o;
        }
        return sameHost;
    }

    private static boolean parentsWithin(PlacementOption o, PlacementOption where) {
        for (DeviceTarget t : o.targets()) {
            boolean found = false;
            for (DeviceTarget w : where.targets()) found |= w.parent() == t.parent();
            if (!found) return false;
        }
        return true;
    }
}
