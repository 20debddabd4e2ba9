package io.devplace.export;

import io.devplace.model.Reason;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An unplaced VM's reasons grouped by code for people: with one reason per candidate host, a fleet of 500 hosts gives
 * 500 lines that mostly say the same thing. Each group keeps its hosts (by count) and one example detail; a code that
 * holds for every host named is said once. JSON and YAML output keep every reason; only the table groups them.
 */
public record ReasonGroups(List<Group> groups, int hosts) {
    /** Hosts named before "and N more". */
    static final int SHOWN_HOSTS = 5;

    public record Group(String code, List<String> hosts, String example) {}

    public static ReasonGroups of(List<Reason> reasons) {
        Map<String, Set<String>> hostsByCode = new LinkedHashMap<>();
        Map<String, String> example = new LinkedHashMap<>();
        Set<String> allHosts = new LinkedHashSet<>();
        for (Reason r : reasons) {
            String code = r.code() == null ? "UNKNOWN" : r.code();
            Set<String> hs = hostsByCode.computeIfAbsent(code, k -> new LinkedHashSet<>());
            if (r.host() != null) {
                hs.add(r.host());
                allHosts.add(r.host());
            }
            example.putIfAbsent(code, r.detail());
        }
        List<Group> out = new ArrayList<>();
        hostsByCode.forEach((code, hs) -> out.add(new Group(code, List.copyOf(hs), example.get(code))));
        return new ReasonGroups(out, allHosts.size());
    }

    /** {@code TYPE_LOCKED on 3 hosts, INSUFFICIENT_CPU on 1 host}, or {@code NOT_LIVE_MIGRATABLE} said once. */
    public String oneLine() {
        if (groups.isEmpty()) return "no reason recorded";
        List<String> parts = new ArrayList<>();
        for (Group g : groups) parts.add(g.code() + where(g));
        return String.join(", ", parts);
    }

    /** The table's lines: per code, where it holds (every host, or the hosts by count) and one example. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Group g : groups) {
            StringBuilder b = new StringBuilder(g.code()).append(where(g));
            if (!g.hosts().isEmpty() && !everyHost(g)) {
                b.append(": ").append(String.join(", ", g.hosts().subList(0, Math.min(SHOWN_HOSTS, g.hosts().size()))));
                if (g.hosts().size() > SHOWN_HOSTS) b.append(" and ").append(g.hosts().size() - SHOWN_HOSTS).append(" more");
            }
            out.add(b.toString());
            if (g.example() != null && !g.example().isEmpty()) out.add("  " + (g.hosts().size() > 1 ? "e.g. " : "") + g.example());
        }
        return out;
    }

    private boolean everyHost(Group g) { return hosts > 1 && g.hosts().size() == hosts; }

    private String where(Group g) {
        if (g.hosts().isEmpty()) return "";
        if (everyHost(g)) return " on every candidate host (" + hosts + ")";
        return " on " + g.hosts().size() + (g.hosts().size() == 1 ? " host" : " hosts");
    }
}
