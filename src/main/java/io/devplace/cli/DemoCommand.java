package io.devplace.cli;

import io.devplace.model.Policy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code devplace demo}: plans the evacuation of two hosts of the bundled example fleet and prints the plan. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Plan an evacuation of gpu-a1 and gvt-1 in the bundled example fleet.")
public final class DemoCommand implements Callable<Integer> {
    static final String EXAMPLE = "examples/fleet.yaml";

    @Spec
    CommandSpec spec;

    @Mixin
    RuleOptions rules = new RuleOptions();

    @Option(names = {"-o", "--output"}, paramLabel = "FMT", defaultValue = "table", description = "table (default), json, yaml, mdevctl or libvirt.")
    String output;

    @Option(names = "--policy", paramLabel = "FILE", description = "Policy document (kind: Policy).")
    String policyFile;

    /** The demo's own default is shorter than a plan's: it is a demonstration on a small fleet. */
    @Option(names = "--time-limit", paramLabel = "D", converter = PolicyInput.DurationText.class,
            description = "Solver wall-clock budget, e.g. 500ms, 30s, 2m (default: the policy's timeLimit, else " + TIME_LIMIT + ").")
    String timeLimit;

    static final String TIME_LIMIT = "10s";

    @Override
    public Integer call() throws IOException {
        if (!PlanFormats.FORMATS.contains(output))
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-o must be one of " + String.join(", ", PlanFormats.FORMATS)
                    + " but got '" + output + "'");
        byte[] bytes;
        try (InputStream in = DemoCommand.class.getResourceAsStream("/" + EXAMPLE)) {
            if (in == null) throw new CommandFailure(ExitCodes.INTERNAL, "the bundled example fleet is missing from the build");
            bytes = in.readAllBytes();
        }
        FleetInput.Loaded l = FleetInput.load(EXAMPLE, bytes, rules.load(), false);
        Policy policy = PolicyInput.load(policyFile, timeLimit, TIME_LIMIT);
        spec.commandLine().getErr().println("devplace demo: evacuating gpu-a1 (NVIDIA A16) and gvt-1 (Intel GVT-g) of " + EXAMPLE
                + " (" + l.view().fleet().hosts().size() + " hosts, " + l.view().fleet().vms().size() + " VMs)\n");
        int rc = EvacuateCommand.run(l, List.of("gpu-a1", "gvt-1"), policy, 42L, output, null, spec);
        // the demo ran: an incomplete plan is still a successful demo, but say what plan would have answered
        if (rc == ExitCodes.INCOMPLETE) {
            spec.commandLine().getErr().println("devplace demo: this plan leaves VMs unplaced (see Unplaced above); 'devplace plan evacuate' would exit "
                    + ExitCodes.INCOMPLETE + " on it. The demo exits 0 because it ran.");
            spec.commandLine().getErr().flush();
            return ExitCodes.OK;
        }
        return rc;
    }
}
