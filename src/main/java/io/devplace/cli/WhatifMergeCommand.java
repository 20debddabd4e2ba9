package io.devplace.cli;

import io.devplace.whatif.WhatIfAnalysis;
import io.devplace.whatif.WhatIfMerge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code devplace whatif merge PART...}: joins the N partial reports of one sharded run ({@code whatif --shard I/N})
 * into the report the unsharded run gives. Exit 4 naming the file for a missing, duplicate or foreign part; exit 3 when
 * any scenario is infeasible, as for {@code whatif}.
 */
@Command(name = "merge", mixinStandardHelpOptions = true, description = {
        "Joins the partial reports of one sharded what-if run (whatif --shard I/N) into the report an unsharded run gives.",
        "Exit 4 for a missing, duplicate or foreign part (another run's); exit 3 if any scenario is infeasible."})
public final class WhatifMergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PART", description = "The partial reports (one per shard, in any order).")
    List<String> parts;

    @Option(names = {"-o", "--output"}, paramLabel = "FMT", description = "table, json, yaml or html (default: table on a terminal, else json).")
    String output;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE atomically instead of stdout.")
    Path out;

    @Override
    public Integer call() {
        String fmt = output != null ? output : System.console() != null && out == null ? "table" : "json";
        if (!WhatifCommand.FORMATS.contains(fmt))
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-o must be one of " + WhatifCommand.FORMATS);
        long t0 = System.nanoTime();
        WhatIfAnalysis.Result r = WhatIfMerge.merge(parts);
        spec.commandLine().getErr().printf("devplace: whatif merge: %d part(s), %d solve(s), merged in %.1f s%n", parts.size(), r.details().solves(),
                (System.nanoTime() - t0) / 1e9);
        return WhatifCommand.emit(r, fmt, out, spec);
    }
}
