package io.devplace.importers;

import io.devplace.model.InputProblem;
import io.devplace.model.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects every contradiction found while combining sources, so that the operator sees them all at once
 * (exit 4) rather than fixing one per run. Each problem names the source where the contradiction showed up, the
 * path there (with line and column when the source is a Fleet document) and the source it contradicts.
 */
final class Conflicts {
    private final List<InputProblem> problems = new ArrayList<>();

    <T> void check(Fact<T> fact, T incoming, Fragment at, String path, String what) {
        if (!fact.offer(incoming, at.source()))
            add(at, path, "conflicting " + what + ": " + show(incoming) + " here but " + show(fact.value()) + " in " + fact.source());
    }

    void add(Fragment at, String path, String message) {
        problems.add(at.locations() == null ? new InputProblem(at.source(), "", 0, 0, message) : at.locations().problem(path, message));
    }

    void throwIfAny() {
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
    }

    static String show(Object v) {
        if (v instanceof String s) return "'" + s + "'";
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            for (Object o : l) {
                if (b.length() > 1) b.append(", ");
                b.append(o instanceof Map<?, ?> m ? showMap(m) : show(o));
            }
            return b.append(']').toString();
        }
        return String.valueOf(v);
    }

    private static String showMap(Map<?, ?> m) {
        StringBuilder b = new StringBuilder("{");
        m.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append(": ").append(show(v)));
        return b.append('}').toString();
    }
}
