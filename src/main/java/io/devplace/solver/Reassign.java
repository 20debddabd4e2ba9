package io.devplace.solver;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.preview.api.domain.metamodel.PlanningVariableMetaModel;
import ai.timefold.solver.core.preview.api.move.MutableSolutionView;
import ai.timefold.solver.core.preview.api.move.Rebaser;
import io.devplace.problem.PlacementOption;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One move that changes several variables at once: VMs to new options (or unassigned) and free mdevs to removed or
 * kept. The ejection chain and the swap both produce it; Timefold scores it as one step, so a plan that is only
 * better once every part is done is reachable though each part alone is worse.
 *
 * <p>It changes variables only through {@link MutableSolutionView} (Timefold records and undoes the changes itself).
 */
final class Reassign implements ai.timefold.solver.core.impl.heuristic.move.Move<Evacuation> {
    /** Which variables a move changes: resolved once per solver from its own solution descriptor. */
    record Variables(PlanningVariableMetaModel<Evacuation, VmPlacement, PlacementOption> option,
                     PlanningVariableMetaModel<Evacuation, FreeMdevRemoval, Boolean> remove) {}

    private final String kind;
    private final Variables vars;
    private final List<VmPlacement> vms;
    private final List<PlacementOption> to;
    private final List<FreeMdevRemoval> removals;
    private final List<Boolean> removeTo;

    Reassign(String kind, Variables vars, List<VmPlacement> vms, List<PlacementOption> to, List<FreeMdevRemoval> removals,
             List<Boolean> removeTo) {
        this.kind = kind;
        this.vars = vars;
        this.vms = vms;
        this.to = to;
        this.removals = removals;
        this.removeTo = removeTo;
    }

    /** A move that changes nothing (Timefold skips it): what an iterator returns when it found no chain this time. */
    static Reassign none(String kind, Variables vars) { return new Reassign(kind, vars, List.of(), List.of(), List.of(), List.of()); }

    @Override
    public boolean isMoveDoable(ScoreDirector<Evacuation> scoreDirector) {
        for (int i = 0; i < vms.size(); i++) if (vms.get(i).getOption() != to.get(i)) return true;
        for (int i = 0; i < removals.size(); i++) if (removals.get(i).removes() != removeTo.get(i)) return true;
        return false;
    }

    @Override
    public void execute(MutableSolutionView<Evacuation> view) {
        for (int i = 0; i < removals.size(); i++) view.changeVariable(vars.remove(), removals.get(i), removeTo.get(i));
        for (int i = 0; i < vms.size(); i++) view.changeVariable(vars.option(), vms.get(i), to.get(i));
    }

    @Override
    public Reassign rebase(Rebaser rebaser) {
        List<VmPlacement> v = new ArrayList<>();
        for (VmPlacement p : vms) v.add(rebaser.rebase(p));
        List<FreeMdevRemoval> r = new ArrayList<>();
        for (FreeMdevRemoval f : removals) r.add(rebaser.rebase(f));
        return new Reassign(kind, vars, v, to, r, removeTo);
    }

    @Override
    public List<Object> getPlanningEntities() {
        List<Object> out = new ArrayList<>(vms);
        out.addAll(removals);
        return out;
    }

    @Override
    public List<Object> getPlanningValues() {
        LinkedHashSet<Object> out = new LinkedHashSet<>();
        for (PlacementOption o : to) if (o != null) out.add(o);
        out.addAll(removeTo);
        return new ArrayList<>(out);
    }

    @Override
    public String getSimpleMoveTypeDescription() { return kind; }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(kind).append('[');
        for (int i = 0; i < vms.size(); i++) b.append(i == 0 ? "" : ", ").append(vms.get(i).getId()).append(" -> ").append(to.get(i));
        for (int i = 0; i < removals.size(); i++) b.append(", ").append(removals.get(i).getId()).append(removeTo.get(i) ? " removed" : " kept");
        return b.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reassign r && kind.equals(r.kind) && vms.equals(r.vms) && to.equals(r.to) && removals.equals(r.removals)
                && removeTo.equals(r.removeTo);
    }

    @Override
    public int hashCode() { return Objects.hash(kind, vms, to, removals, removeTo); }
}
