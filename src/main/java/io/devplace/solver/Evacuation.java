package io.devplace.solver;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import io.devplace.problem.PlanningProblem;

import java.util.List;

/** The planning solution: one {@link VmPlacement} per VM that may move, free-mdev removal decisions, and who stays. */
@PlanningSolution
public class Evacuation {
    @PlanningEntityCollectionProperty
    private List<VmPlacement> placements;

    @PlanningEntityCollectionProperty
    private List<FreeMdevRemoval> removals;

    @ProblemFactCollectionProperty
    private List<PlanningProblem.GroupMember> staying;

    @ValueRangeProvider(id = "removeValues")
    private List<Boolean> removeValues = List.of(Boolean.FALSE, Boolean.TRUE);

    private ConstraintWeightOverrides<HardMediumSoftLongScore> constraintWeightOverrides;

    /** The policy settings constraints read (downtime cap). */
    @ProblemFactCollectionProperty
    private List<Settings> settings;

    @PlanningScore
    private HardMediumSoftLongScore score;

    public Evacuation() {}

    public Evacuation(List<VmPlacement> placements, List<FreeMdevRemoval> removals, List<PlanningProblem.GroupMember> staying,
                      Settings settings, ConstraintWeightOverrides<HardMediumSoftLongScore> overrides) {
        this.placements = placements;
        this.removals = removals;
        this.staying = staying;
        this.settings = List.of(settings);
        this.constraintWeightOverrides = overrides;
    }

    /** Policy values the constraints need, as a problem fact. */
    public record Settings(long maxDowntimeMs) {}

    public List<VmPlacement> getPlacements() { return placements; }

    public List<FreeMdevRemoval> getRemovals() { return removals; }

    public List<PlanningProblem.GroupMember> getStaying() { return staying; }

    public List<Boolean> getRemoveValues() { return removeValues; }

    public List<Settings> getSettings() { return settings; }

    public ConstraintWeightOverrides<HardMediumSoftLongScore> getConstraintWeightOverrides() { return constraintWeightOverrides; }

    public void setConstraintWeightOverrides(ConstraintWeightOverrides<HardMediumSoftLongScore> o) { this.constraintWeightOverrides = o; }

    public HardMediumSoftLongScore getScore() { return score; }

    public void setScore(HardMediumSoftLongScore score) { this.score = score; }
}
