package io.devplace.model;

import java.time.Duration;
import java.util.Map;

/** Planning policy (docs/reference/policy.md). Nulls mean "the default"; {@link #withDefaults()} fills them in. */
public record Policy(String apiVersion, String kind, Long maxParallel, Long maxPerHost, Long bandwidthMiBps,
                     Boolean allowCold, Boolean allowRebalance, Boolean removeFreeMdevs, Long maxDowntimeMs,
                     String spread, String antiAffinity, String timeLimit, Map<String, Long> weights) {

    public static Policy defaults() {
        return new Policy("devplace/v1", "Policy", 5L, 2L, 1250L, false, false, false, 0L,
                "consolidate", "hard", "30s", Map.of());
    }

    public Policy withDefaults() {
        Policy d = defaults();
        return new Policy(apiVersion == null ? d.apiVersion : apiVersion, kind == null ? d.kind : kind,
                or(maxParallel, d.maxParallel), or(maxPerHost, d.maxPerHost), or(bandwidthMiBps, d.bandwidthMiBps),
                or(allowCold, d.allowCold), or(allowRebalance, d.allowRebalance),
                or(removeFreeMdevs, d.removeFreeMdevs), or(maxDowntimeMs, d.maxDowntimeMs), or(spread, d.spread),
                or(antiAffinity, d.antiAffinity), or(timeLimit, d.timeLimit), weights == null ? Map.of() : weights);
    }

    public Policy withTimeLimit(String t) {
        return new Policy(apiVersion, kind, maxParallel, maxPerHost, bandwidthMiBps, allowCold, allowRebalance,
                removeFreeMdevs, maxDowntimeMs, spread, antiAffinity, t, weights);
    }

    public boolean hardAntiAffinity() { return !"soft".equals(antiAffinity); }

    public boolean spreadMode() { return "spread".equals(spread); }

    public Duration timeLimitDuration() { return Durations.parse(timeLimit); }

    private static <T> T or(T v, T d) { return v == null ? d : v; }
}
