package io.devplace.solver;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;
import io.devplace.problem.FreeMdev;
import io.devplace.problem.ParentClaim;

/** Whether to remove one unowned existing mdev to make room (only with policy {@code removeFreeMdevs}). */
@PlanningEntity
public class FreeMdevRemoval {
    @PlanningId
    private String id;
    private FreeMdev free;
    private ParentClaim claim;

    @PlanningVariable(valueRangeProviderRefs = "removeValues")
    private Boolean remove;

    public FreeMdevRemoval() {}

    public FreeMdevRemoval(FreeMdev free, Boolean remove) {
        this.id = free.parent().key() + "/" + free.uuid();
        this.free = free;
        this.claim = free.removal();
        this.remove = remove;
    }

    public String getId() { return id; }

    public FreeMdev getFree() { return free; }

    public ParentClaim getClaim() { return claim; }

    public Boolean getRemove() { return remove; }

    public void setRemove(Boolean remove) { this.remove = remove; }

    public boolean removes() { return Boolean.TRUE.equals(remove); }
}
