package io.devplace.cli;

import io.devplace.model.Documents;
import io.devplace.model.Durations;
import io.devplace.model.InputProblem;
import io.devplace.model.InvalidInputException;
import io.devplace.model.Locations;
import io.devplace.model.Policy;
import io.devplace.solver.EvacuationConstraints;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code --policy FILE} and {@code --time-limit D}: the policy in force, defaults filled in, flags overriding the file. */
public final class PolicyInput {
    @Option(names = "--policy", paramLabel = "FILE", description = "Policy document (kind: Policy).")
    String file;

    @Option(names = "--time-limit", paramLabel = "D", converter = DurationText.class,
            description = "Solver wall-clock budget, e.g. 500ms, 30s, 2m (default: policy timeLimit, 30s).")
    String timeLimit;

    /**
     * A malformed {@code --time-limit} is a usage error (exit 2), like any other malformed option value such as
     * {@code --seed abc}; a malformed {@code timeLimit} inside a policy file is invalid input (exit 4).
     */
    static final class DurationText implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                Durations.parse(value);
                return value;
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    public Policy load() { return load(file, timeLimit); }

    /** The policy of {@code file} (or the defaults), with {@code timeLimit} (may be null) overriding its own. */
    static Policy load(String file, String timeLimit) { return load(file, timeLimit, null); }

    /**
     * The policy of {@code file} (or the defaults), with {@code timeLimit} (may be null) overriding its own; when neither
     * gives a time limit, {@code defaultTimeLimit} (null: the policy default).
     */
    static Policy load(String file, String timeLimit, String defaultTimeLimit) {
        Policy p = Policy.defaults();
        Locations loc = new Locations(file == null ? "--policy" : file);
        boolean fileHasTimeLimit = false;
        if (file != null) {
            Documents.Parsed<Policy> d = Documents.read(file, "Policy", Policy.class);
            fileHasTimeLimit = d.value().timeLimit() != null;
            p = d.value().withDefaults();
            loc = d.locations();
        }
        if (timeLimit != null) p = p.withTimeLimit(timeLimit); // checked when parsed (DurationText)
        else if (defaultTimeLimit != null && !fileHasTimeLimit) p = p.withTimeLimit(defaultTimeLimit);
        check(p, loc);
        return p;
    }

    static void check(Policy p, Locations loc) {
        List<InputProblem> out = new ArrayList<>();
        if (p.maxParallel() < 1) out.add(loc.problem("maxParallel", "expected at least 1"));
        if (p.maxPerHost() < 1) out.add(loc.problem("maxPerHost", "expected at least 1"));
        if (p.bandwidthMiBps() < 1) out.add(loc.problem("bandwidthMiBps", "expected a bandwidth above 0"));
        if (p.maxDowntimeMs() < 0) out.add(loc.problem("maxDowntimeMs", "expected 0 (no cap) or more"));
        if (!Set.of("consolidate", "spread").contains(p.spread())) out.add(loc.problem("spread", "expected consolidate or spread but got '" + p.spread() + "'"));
        if (!Set.of("hard", "soft").contains(p.antiAffinity())) out.add(loc.problem("antiAffinity", "expected hard or soft but got '" + p.antiAffinity() + "'"));
        p.weights().forEach((k, v) -> {
            if (!EvacuationConstraints.IDS.contains(k))
                out.add(loc.problem(Locations.child("weights", k), "unknown constraint '" + k + "' (expected one of: "
                        + String.join(", ", EvacuationConstraints.IDS.stream().sorted().toList()) + ")"));
            if (v == null) out.add(loc.problem(Locations.child("weights", k), "expected a whole number but got nothing"));
            else if (v < 0) out.add(loc.problem(Locations.child("weights", k), "expected a weight >= 0 but got " + v));
        });
        try {
            Durations.parse(p.timeLimit());
        } catch (IllegalArgumentException e) {
            out.add(loc.problem("timeLimit", e.getMessage()));
        }
        if (!out.isEmpty()) throw new InvalidInputException(out);
    }
}
