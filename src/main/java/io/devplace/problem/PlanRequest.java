package io.devplace.problem;

import io.devplace.model.Policy;

import java.util.List;

/** "Empty these hosts" under a policy (defaults filled in). */
public record PlanRequest(List<String> evacuate, Policy policy) {
    public PlanRequest {
        evacuate = List.copyOf(evacuate);
        policy = policy.withDefaults();
    }
}
