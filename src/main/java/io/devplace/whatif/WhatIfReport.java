package io.devplace.whatif;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.devplace.model.Plan;

import java.util.List;
import java.util.Map;

/**
 * The what-if report (docs/reference/whatif.md): {@code {apiVersion, kind: WhatIfReport, base: {headroom, immobile}, scenarios}}, one
 * object per scenario in input order. Fields that do not apply are null, never left out: {@code placed}, {@code moves}
 * and {@code immobile} of a sweep, {@code failures} of a scenario that is not a sweep.
 */
public record WhatIfReport(String apiVersion, String kind, Base base, List<ScenarioResult> scenarios) {
    public static final String KIND = "WhatIfReport";

    public record Base(Map<String, Long> headroom, List<String> immobile) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ScenarioResult(String name, boolean feasible, Long placed, long unplaced, Long moves, List<Plan.Unplaced> unplacedVms,
                                 Map<String, Long> headroom, List<TemplateHeadroom> templateHeadroom, List<String> immobile,
                                 List<Failure> failures) {}

    /** {@code bound}: {@code exact}, or {@code lower} when the greedy packing may have missed some. */
    public record TemplateHeadroom(int template, long fits, String bound) {}

    /**
     * One failure of a sweep: {@code {host, unplaced, unplacedVms}} for {@code eachHostDown},
     * {@code {label, value, hosts, unplaced, unplacedVms}} for {@code eachLabelDown} (the other keys are left out).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Failure(String host, String label, String value, List<String> hosts, long unplaced, List<Plan.Unplaced> unplacedVms) {
        public static Failure ofHost(String host, long unplaced, List<Plan.Unplaced> unplacedVms) {
            return new Failure(host, null, null, null, unplaced, unplacedVms);
        }

        /** What to call it: the host, or {@code label=value}. */
        public String title() { return host != null ? host : label + "=" + value; }
    }
}
