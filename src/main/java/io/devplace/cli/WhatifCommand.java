package io.devplace.cli;

import io.devplace.model.Policy;
import io.devplace.whatif.HtmlReport;
import io.devplace.whatif.TextReport;
import io.devplace.whatif.WhatIf;
import io.devplace.whatif.WhatIfAnalysis;
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
@Command(name = "whatif", mixinStandardHelpOptions = true, description = {
        "Capacity what-if analysis: plans each scenario (hosts down or draining, an N+1 sweep, added VMs, changed host",
        "attributes) and reports what fits, headroom by device type and what cannot move. Exit 3 if any scenario is infeasible.",
        "For eachHostDown sweeps a short per-solve limit such as --time-limit 2s is recommended."})
public final class WhatifCommand implements Callable<Integer> {
    static final List<String> FORMATS = List.of("table", "json", "yaml", "html");

    @Spec
    CommandSpec spec;

    @Mixin
    FleetInput fleet = new FleetInput();

    @Mixin
    PolicyInput policy = new PolicyInput();

    @Option(names = {"-s", "--scenarios"}, required = true, paramLabel = "SCENARIOS", description = "WhatIf document (YAML or JSON; - for stdin).")
    String scenarios;

    @Option(names = {"-o", "--output"}, paramLabel = "FMT", description = "table, json, yaml or html (default: table; with --out FILE.json, .yaml or .html, that format).")
    String output;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE atomically instead of stdout.")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Deterministic solves (each stops on an unimproved step count; --time-limit stays a cap).")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Solves run in parallel on N threads (default: one per core).")
    int threads;

    @Override
    public Integer call() {
        // the same whether piped or not; --out names the format by its extension
        String fmt = output != null ? output : out != null && out.toString().endsWith(".html") ? "html" : EvacuateCommand.formatOf(out);
        if (!FORMATS.contains(fmt))
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-o must be one of " + FORMATS);
        if (threads < 0) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        PrintWriter err = spec.commandLine().getErr();
        FleetInput.Loaded l = fleet.load(false);
        Policy pol = policy.load();
        WhatIf doc = WhatIfReader.read(scenarios, l.view());
        if (!l.warnings().isEmpty())
            err.println("devplace: " + l.warnings().size() + " warning(s) about the fleet; run 'devplace validate' to see them");
        SweepProgress progress = SweepProgress.forTerminal(err);
        WhatIfAnalysis.Result r = WhatIfAnalysis.run(l.view(), doc, new WhatIfAnalysis.Options(pol, seed, threads, progress), fleet.file);
        progress.done();
        WhatIfAnalysis.Details d = r.details();
        err.printf("devplace: whatif: %d solve(s) in %.1f s on %d thread(s), time limit %s per solve%n", d.solves(), d.millis() / 1000.0,
                d.threads(), d.timeLimit());
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
