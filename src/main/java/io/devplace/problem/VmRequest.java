package io.devplace.problem;

import io.devplace.model.MoveMode;
import io.devplace.model.Reason;
import io.devplace.model.Vm;

import java.util.ArrayList;
import java.util.List;

/**
 * A VM the plan may move: evacuees must be placed (unplaced costs by priority), rebalance candidates may move to make
 * room (each move costs). Holds its options and the reasons hosts were ruled out before solving.
 */
public final class VmRequest {
    private final Vm vm;
    private final MoveMode mode;
    private final boolean evacuee;
    private final List<PlacementOption> options = new ArrayList<>();
    private final List<Reason> ruledOut = new ArrayList<>();
    private long unplacedWeight;

    public VmRequest(Vm vm, MoveMode mode, boolean evacuee) {
        this.vm = vm;
        this.mode = mode;
        this.evacuee = evacuee;
    }

    public Vm vm() { return vm; }

    public String name() { return vm.name(); }

    public MoveMode mode() { return mode; }

    public boolean evacuee() { return evacuee; }

    public List<PlacementOption> options() { return options; }

    public List<Reason> ruledOut() { return ruledOut; }

    public long unplacedWeight() { return unplacedWeight; }

    void setUnplacedWeight(long w) { this.unplacedWeight = w; }
}
