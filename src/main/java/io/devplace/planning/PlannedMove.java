package io.devplace.planning;

import io.devplace.problem.PlacementOption;
import io.devplace.problem.VmRequest;

import java.util.List;

/** A move the plan makes: the VM's request, the chosen option, and the UUID each target device will have. */
record PlannedMove(VmRequest request, PlacementOption option, List<String> targetUuids) {}
