package io.devplace.cli;

import io.devplace.model.Documents;
import io.devplace.model.Policy;
import io.devplace.whatif.HtmlReport;
import io.devplace.whatif.TextReport;
import io.devplace.whatif.WhatIf;
import io.devplace.whatif.Shard;
import io.devplace.whatif.WhatIfAnalysis;
import io.devplace.whatif.WhatIfPart;
import io.devplace.whatif.WhatIfReader;
import io.devplace.whatif.WhatIfReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code devplace whatif -f FLEET -s SCENARIOS}: capacity what-if report (docs/reference/whatif.md). Every scenario is planned like
 * {@code plan} would, with the time limit applying to each solve; exit 3 when any scenario is infeasible.
 */
@Command(name = "whatif", mixinStandardHelpOptions = true, subcommands = WhatifMergeCommand.class,
        modelTransformer = WhatifCommand.InputsOptionalForMerge.class, description = {
        "Capacity what-if analysis: plans each scenario (hosts down or draining, an N+1 sweep, added VMs, changed host",
        "attributes) and reports what fits, headroom by device type and what cannot move. Exit 3 if any scenario is infeasible.",
        "For sweeps (eachHostDown, eachLabelDown) a short per-solve limit such as --time-limit 2s is recommended.",
        "With --shard I/N only shard I of the run's solves is computed and a partial report (JSON) is written; exit 0 once",
        "it is written. 'devplace whatif merge' joins the N parts into the report."})
public final class WhatifCommand implements Callable<Integer> {
    static final List<String> FORMATS = List.of("table", "json", "yaml", "html");

    @Spec
    CommandSpec spec;

    @Mixin
    FleetInput fleet = new FleetInput();

    @Mixin
    PolicyInput policy = new PolicyInput();

    @Option(names = {"-s", "--scenarios"}, paramLabel = "SCENARIOS", description = {"WhatIf document (YAML or JSON; - for stdin).", "Required (not by 'whatif merge')."})
    String scenarios;

    @Option(names = {"-o", "--output"}, paramLabel = "FMT", description = "table, json, yaml or html (default: table; with --out FILE.json, .yaml or .html, that format).")
    String output;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE atomically instead of stdout.")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Deterministic solves (each stops on an unimproved step count; --time-limit stays a cap).")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Solves run in parallel on N threads (default: one per core).")
    int threads;

    @Option(names = "--shard", paramLabel = "I/N", converter = ShardText.class,
            description = "Compute only shard I of N (0 <= I < N) of the run's solves and write a partial report (JSON) for 'whatif merge'.")
    Shard shard;

    /** A malformed {@code --shard} (not I/N, N < 1, I >= N) is a usage error (exit 2). */
    static final class ShardText implements picocli.CommandLine.ITypeConverter<Shard> {
        @Override
        public Shard convert(String value) {
            try {
                return Shard.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /**
     * picocli checks a parent command's required options even when a subcommand runs, so {@code whatif merge PART...}
     * would ask for {@code -f} and {@code -s}. They are made optional in the model and required in {@link #call}.
     */
    static final class InputsOptionalForMerge implements picocli.CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            for (String name : List.of("--fleet", "--scenarios")) {
                picocli.CommandLine.Model.OptionSpec o = spec.findOption(name);
                if (o == null || !o.required()) continue;
                spec.remove(o);
                String[] d = java.util.Arrays.copyOf(o.description(), o.description().length + 1);
                d[d.length - 1] = "Required (not by 'whatif merge').";
                spec.addOption(picocli.CommandLine.Model.OptionSpec.builder(o).required(false).description(d).build());
            }
            return spec;
        }
    }

    @Override
    public Integer call() {
        if (fleet.file == null || scenarios == null)
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required option(s): " + String.join(", ",
                    java.util.stream.Stream.of(fleet.file == null ? "'--fleet=FLEET'" : null, scenarios == null ? "'--scenarios=SCENARIOS'" : null)
                            .filter(java.util.Objects::nonNull).toList()) + " (or 'whatif merge PART...')");
        // the same whether piped or not; --out names the format by its extension
        String fmt = output != null ? output : out != null && out.toString().endsWith(".html") ? "html" : EvacuateCommand.formatOf(out);
        if (!FORMATS.contains(fmt))
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-o must be one of " + FORMATS);
        if (shard != null && output != null && !"json".equals(output))
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "with --shard the output is a partial report in JSON; "
                    + "give -o to 'whatif merge' instead");
        if (threads < 0) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        PrintWriter err = spec.commandLine().getErr();
        FleetInput.Loaded l = fleet.load(false);
        Policy pol = policy.load();
        byte[] scenarioBytes = Documents.readBytes(scenarios);
        WhatIf doc = WhatIfReader.parse(scenarios, scenarioBytes, l.view());
        if (!l.warnings().isEmpty())
            err.println("devplace: " + l.warnings().size() + " warning(s) about the fleet; run 'devplace validate' to see them");
        SweepProgress progress = SweepProgress.forTerminal(err);
        WhatIfAnalysis.Options opt = new WhatIfAnalysis.Options(pol, seed, threads, progress);
        if (shard != null) {
            WhatIfPart.Run run = new WhatIfPart.Run(l.digest(), FleetInput.digest(scenarioBytes),
                    FleetInput.digest(Output.json(opt.policy()).getBytes(java.nio.charset.StandardCharsets.UTF_8)), seed, shard.count(),
                    Main.version());
            WhatIfPart part = WhatIfAnalysis.compute(l.view(), doc, opt, fleet.file, run, shard);
            progress.done();
            err.printf("devplace: whatif: shard %s: %d of the run's %d solve(s) in %.1f s on %d thread(s), time limit %s per solve%n", shard,
                    part.solved().size(), part.info().solves(), part.timing().millis() / 1000.0, part.timing().threads(), part.info().timeLimit());
            Output.emit(Output.json(part), out, spec.commandLine().getOut());
            if (out != null) err.println("devplace: partial report written to " + out);
            err.flush();
            return ExitCodes.OK; // feasibility is the merged report's to say
        }
        WhatIfAnalysis.Result r = WhatIfAnalysis.run(l.view(), doc, opt, fleet.file);
        progress.done();
        WhatIfAnalysis.Details d = r.details();
        err.printf("devplace: whatif: %d solve(s) in %.1f s on %d thread(s), time limit %s per solve%n", d.solves(), d.millis() / 1000.0,
                d.threads(), d.timeLimit());
        return emit(r, fmt, out, spec);
    }

    /** Writes the report in {@code fmt}; exit 3 when any scenario is infeasible. */
    static int emit(WhatIfAnalysis.Result r, String fmt, Path out, CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        WhatIfAnalysis.Details d = r.details();
        String text = switch (fmt) {
            case "json" -> Output.json(r.report());
            case "yaml" -> Output.yaml(r.report());
            case "html" -> HtmlReport.render(r.report(), d);
            default -> TextReport.render(r.report(), d);
        };
        Output.emit(text, out, spec.commandLine().getOut());
        if (out != null) err.println("devplace: report written to " + out);
        err.flush();
        boolean feasible = r.report().scenarios().stream().allMatch(WhatIfReport.ScenarioResult::feasible);
        return feasible ? ExitCodes.OK : ExitCodes.INCOMPLETE;
    }

    /** "solves 123/510 (n-plus-1)" on stderr while working, only when a person is watching a terminal. */
    static final class SweepProgress implements WhatIfAnalysis.Listener {
        private final PrintWriter err;
        private boolean shown;
        private long last;

        private SweepProgress(PrintWriter err) { this.err = err; }

        /** As {@link Progress}: the launcher tells the JVM whether stderr itself is a terminal ({@code devplace.stderrTty}). */
        static SweepProgress forTerminal(PrintWriter err) {
            boolean tty = Boolean.getBoolean("devplace.stderrTty") || System.console() != null;
            return of(err, tty && System.getenv("CI") == null);
        }

        /** {@code terminal} false: a listener that never writes (stderr is a file, a pipe or a CI log). */
        static SweepProgress of(PrintWriter err, boolean terminal) {
            return new SweepProgress(terminal ? err : null);
        }

        @Override
        public synchronized void solved(int done, int total, String scenario) {
            if (err == null) return;
            long now = System.nanoTime();
            if (done < total && now - last < 100_000_000L) return; // at most ten updates a second
            last = now;
            err.print("\r\u001b[Kwhatif: " + done + "/" + total + " solves (" + scenario.replaceAll("\\p{Cntrl}", "?") + ")");
            err.flush();
            shown = true;
        }

        synchronized void done() {
            if (err != null && shown) { err.print("\r\u001b[K"); err.flush(); }
        }
    }
}
