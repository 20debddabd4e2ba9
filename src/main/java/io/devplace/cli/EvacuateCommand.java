package io.devplace.cli;

import io.devplace.model.HostState;
import io.devplace.model.Plan;
import io.devplace.model.Policy;
import io.devplace.planning.EvacuationPlanner;
import io.devplace.problem.PlanRequest;
import io.devplace.verify.PlanVerifier;
import io.devplace.verify.Violations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code devplace plan evacuate HOST...}: plan, verify independently, print (exit 3 when anything is unplaced). */
@Command(name = "evacuate", mixinStandardHelpOptions = true, description = "Plan the evacuation of hosts (plus every draining/down host).")
public final class EvacuateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "HOST", arity = "0..*", description = "Hosts to empty (treated as draining).")
    List<String> hosts = new ArrayList<>();

    @Mixin
    FleetInput fleet = new FleetInput();

    @Mixin
    PolicyInput policy = new PolicyInput();

    @Option(names = {"-o", "--output"}, paramLabel = "FMT",
            description = "table, json, yaml, mdevctl or libvirt (default: table; with --out FILE.json or FILE.yaml, that format).")
    String output;

    @Option(names = "--seed", paramLabel = "N", description = "Deterministic run: same inputs, same plan byte for byte (except solveMillis).")
    Long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the plan to FILE atomically instead of stdout.")
    Path out;

    @Override
    public Integer call() {
        String fmt = output != null ? output : formatOf(out);
        if (!PlanFormats.FORMATS.contains(fmt))
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-o must be one of " + String.join(", ", PlanFormats.FORMATS)
                    + " but got '" + fmt + "'");
        FleetInput.Loaded l = fleet.load(false);
        Policy pol = policy.load();
        if (hosts.isEmpty() && l.view().fleet().hosts().stream().allMatch(h -> h.state() == null || h.state() == HostState.ACTIVE))
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "nothing to evacuate: name the hosts to empty (plan evacuate HOST... -f "
                    + fleet.file + "), or mark hosts draining or down in the fleet");
        // a model no pack knows leaves every VM on that parent unplaced: worth saying here, not only in validate
        for (var w : l.warnings())
            if (w.message().contains(io.devplace.rules.ModelHint.MARK)) spec.commandLine().getErr().println("warning: " + w);
        if (!l.warnings().isEmpty())
            spec.commandLine().getErr().println("devplace: " + l.warnings().size() + " warning(s) about the fleet; run 'devplace validate' to see them");
        return run(l, hosts, pol, seed, fmt, out, spec);
    }

    /** The same output whether stdout is a terminal or a pipe (a table), unless --out names a .json or .yaml file. */
    static String formatOf(Path out) {
        String name = out == null ? "" : out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".json")) return "json";
        if (name.endsWith(".yaml") || name.endsWith(".yml")) return "yaml";
        return "table";
    }

    static int run(FleetInput.Loaded l, List<String> hosts, Policy pol, Long seed, String fmt, Path out, CommandSpec spec) {
        Progress progress = Progress.forTerminal(spec.commandLine().getErr(), pol.timeLimitDuration().toMillis());
        Plan plan = EvacuationPlanner.plan(l.view(), new PlanRequest(hosts, pol), seed, progress, l.digest());
        progress.done();
        Violations v = PlanVerifier.verify(l.view().fleet(), l.view().rules(), plan);
        if (!v.isEmpty())
            throw new CommandFailure(ExitCodes.VERIFY_FAILED, "the plan failed its own verification (a devplace bug; nothing was printed):\n  "
                    + String.join("\n  ", v.list()));
        Output.emit(PlanFormats.render(plan, fmt, l.view()), out, spec.commandLine().getOut());
        if (out != null) spec.commandLine().getErr().println("devplace: plan written to " + out);
        return plan.unplaced().isEmpty() ? ExitCodes.OK : ExitCodes.INCOMPLETE;
    }

}
