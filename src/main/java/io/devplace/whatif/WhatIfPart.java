package io.devplace.whatif;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * A partial what-if report ({@code kind: WhatIfPart}): what shard {@code shard} of a run computed
 * ({@code whatif --shard I/N}), to be joined with the run's other parts by {@code whatif merge}.
 *
 * <p>{@code run} is the run's identity: parts join only when it is equal. {@code base} and {@code info} are what every
 * shard computes the same way from the same inputs (the fleet as it is, the scenarios' names and definitions, the
 * number of failures per sweep); merge checks that they agree. {@code solved} holds this shard's solves and
 * {@code worst}, per sweep, the worst failure among them with its heat map. An unsharded run is the one part
 * {@code 0/1}, assembled the same way ({@link WhatIfAssembly}).
 */
public record WhatIfPart(String apiVersion, String kind, Run run, int shard, WhatIfReport.Base base, Info info, List<Solved> solved,
                         List<Worst> worst, Timing timing) {
    public static final String KIND = "WhatIfPart";

    /**
     * The run's identity: SHA-256 digests of the fleet and scenarios documents (their bytes) and of the policy in force
     * (time limit included), the seed ({@code null}: none), the number of shards and the devplace version.
     */
    public record Run(String fleet, String scenarios, String policy, Long seed, int shards, String devplace) {}

    /** What every shard computes alike: names and sizes for people, the heat map now, and each scenario's outline. */
    public record Info(String fleetName, int hosts, int vms, String timeLimit, Map<String, String> typeNames, List<HeatMap.Row> before,
                       List<ScenarioInfo> scenarios, int solves) {}

    /** A scenario: its name, its keys in words, and for a sweep its number of failures ({@code null}: not a sweep). */
    public record ScenarioInfo(String name, List<String> definition, Integer failures, String sweepLabel) {}

    /**
     * One solve. A whole scenario ({@code failure} null): its {@code result} and its heat map {@code after}. One failure
     * of a sweep: {@code outcome} (the report's failure entry), its per-type {@code headroom} and template headroom.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Solved(int scenario, Integer failure, WhatIfReport.ScenarioResult result, List<HeatMap.Row> after,
                         WhatIfReport.Failure outcome, Map<String, Long> headroom, List<WhatIfReport.TemplateHeadroom> templateHeadroom) {}

    /** Per sweep, this shard's worst failure (most unplaced, then first) and the heat map after it. */
    public record Worst(int scenario, int failure, long unplaced, List<HeatMap.Row> after) {}

    /** How long this shard took and on how many threads (not part of the report). */
    public record Timing(long millis, int threads) {}
}
