package io.devplace.whatif;

import io.devplace.capacity.Instance;
import io.devplace.model.Host;
import io.devplace.problem.FleetView;
import io.devplace.problem.ParentView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The data of a utilisation heat map: per host its CPU and memory use and, per parent, {@link Utilisation}. */
public final class HeatMap {
    private HeatMap() {}

    /** One parent: id, model (or driver), utilisation (NaN: the host is being emptied), and what it holds. */
    public record Cell(String parent, String model, double util, String holds) {}

    /** One host: state, used CPU and memory fractions (NaN when emptied), its parents, and a note (attributes set), or null. */
    public record Row(String host, String state, double cpu, double memory, List<Cell> cells, String note) {
        public boolean emptied() { return !"active".equals(state); }
    }

    /** Rows for every real host of {@code view}: active ones from {@code state}, emptied ones greyed. */
    public static List<Row> rows(FleetView view, FinalState state, Set<String> synthetic, Map<String, String> notes) {
        List<Row> out = new ArrayList<>();
        for (Host h : view.fleet().hosts()) {
            if (synthetic.contains(h.name())) continue;
            FinalState.HostAfter ha = state.host(h.name());
            List<Cell> cells = new ArrayList<>();
            if (ha == null || !view.isTargetable(h)) {
                for (ParentView p : view.parents(h.name())) cells.add(new Cell(p.id(), model(p), Double.NaN, ""));
                out.add(new Row(h.name(), h.state().wire(), Double.NaN, Double.NaN, cells, notes.get(h.name())));
                continue;
            }
            for (FinalState.ParentAfter pa : ha.parents()) {
                List<Instance> all = pa.all();
                cells.add(new Cell(pa.parent().id(), model(pa.parent()), Utilisation.of(pa.parent(), all), holds(all)));
            }
            out.add(new Row(h.name(), h.state().wire(), fraction(ha.usedCpus(), h.cpus()), fraction(ha.usedMemoryMiB(), h.memoryMiB()), cells,
                    notes.get(h.name())));
        }
        return out;
    }

    private static double fraction(long used, long cap) {
        if (cap <= 0) return used > 0 ? 1 : 0;
        return Math.max(0, Math.min(1.0, (double) used / cap));
    }

    private static String model(ParentView p) {
        return p.parent().model() != null ? p.parent().model() : p.parent().driver();
    }

    private static String holds(List<Instance> all) {
        Map<String, Integer> n = new TreeMap<>();
        for (Instance i : all) n.merge(i.type() + (i.aggregation() > 1 ? " (x" + i.aggregation() + ")" : ""), 1, Integer::sum);
        List<String> parts = new ArrayList<>();
        n.forEach((k, v) -> parts.add(v + " × " + k));
        return parts.isEmpty() ? "empty" : String.join(", ", parts);
    }
}
