package io.devplace.whatif;

import io.devplace.model.Fleet;
import io.devplace.model.Host;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The failures a sweep solves one at a time (docs/reference/whatif.md): for {@code eachHostDown} every host of the fleet, in fleet
 * order; for {@code eachLabelDown: LABEL} every distinct value of that label, sorted by value, with all the hosts that
 * carry it (hosts without the label are never down).
 */
final class SweepFailures {
    /** One failure: the hosts that go down, and what to call it ({@code host}, or {@code label}={@code value}). */
    record Down(String host, String label, String value, List<String> hosts) {
        String title() { return host != null ? host : label + "=" + value; }
    }

    private SweepFailures() {}

    /** {@code fleet}: the scenario's fleet before any failure (its {@code set}, {@code down}, {@code drain} applied). */
    static List<Down> of(Fleet fleet, WhatIf.Scenario s) {
        List<Down> out = new ArrayList<>();
        if (!s.sweep()) return out;
        if (s.eachLabelDown() == null) {
            for (Host h : fleet.hosts()) out.add(new Down(h.name(), null, null, List.of(h.name())));
            return out;
        }
        Map<String, List<String>> byValue = new TreeMap<>();
        for (Host h : fleet.hosts()) {
            String v = h.labels().get(s.eachLabelDown());
            if (v != null) byValue.computeIfAbsent(v, k -> new ArrayList<>()).add(h.name());
        }
        byValue.forEach((v, hosts) -> out.add(new Down(null, s.eachLabelDown(), v, List.copyOf(hosts))));
        return out;
    }
}
