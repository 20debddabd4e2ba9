package io.devplace.solver;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;
import io.devplace.model.MoveMode;
import io.devplace.problem.PlacementOption;
import io.devplace.problem.VmRequest;

import java.util.List;

/**
 * The one planning entity per VM that may move. Its single variable is a whole {@link PlacementOption} (host and a
 * device target per source device), which keeps moves meaningful and {@code recommendAssignment} usable.
 * Unassigned means: an evacuee left unplaced, or a rebalance candidate that stays where it is.
 */
@PlanningEntity(comparatorClass = VmPlacementDifficulty.class)
public class VmPlacement {
    @PlanningId
    private String id;
    private VmRequest request;
    /** The value range: every option of the request, or the few best of them (see {@link NarrowRanges}). */
    private List<PlacementOption> options;

    @PlanningVariable(allowsUnassigned = true, valueRangeProviderRefs = "options")
    private PlacementOption option;

    /**
     * Which construction order {@link VmPlacementDifficulty} applies: set alike on every entity of a solution by
     * {@link Planner} before a construction run (a problem fact, never changed while solving).
     */
    private boolean smallestShareFirst;

    public VmPlacement() {}

    public VmPlacement(VmRequest request) {
        this.id = request.name();
        this.request = request;
        this.options = request.options();
    }

    /** A VM whose value range is {@code options}: a subset of its request's options, in the request's order. */
    static VmPlacement narrowed(VmRequest request, List<PlacementOption> options) {
        VmPlacement p = new VmPlacement(request);
        p.options = options;
        return p;
    }

    public VmPlacement(VmRequest request, PlacementOption option) {
        this(request);
        this.option = option;
    }

    @ValueRangeProvider(id = "options")
    public List<PlacementOption> getOptions() { return options; }

    public String getId() { return id; }

    public VmRequest getRequest() { return request; }

    public PlacementOption getOption() { return option; }

    public boolean isSmallestShareFirst() { return smallestShareFirst; }

    void setSmallestShareFirst(boolean v) { smallestShareFirst = v; }

    public void setOption(PlacementOption option) { this.option = option; }

    public boolean isEvacuee() { return request.evacuee(); }

    public MoveMode getMode() { return request.mode(); }

    public String getSourceHost() { return request.vm().host(); }

    /** Where this VM is at the end of the plan. */
    public String getFinalHost() { return option == null ? request.vm().host() : option.hostName(); }

    public List<String> getGroups() { return request.vm().groups(); }

    public boolean sharesGroupWith(VmPlacement other) {
        for (String g : getGroups()) if (other.getGroups().contains(g)) return true;
        return false;
    }

    @Override
    public String toString() { return id + "=" + option; }
}
