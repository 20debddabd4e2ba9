package io.devplace.cli;

import io.devplace.model.InputProblem;
import io.devplace.model.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code devplace validate}: checks a fleet against the contract and the rule packs; warnings to stderr. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check a fleet (and the rule packs) and print warnings and errors.")
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FleetInput fleet = new FleetInput();

    /** docs/reference/commands.md: every command that reads documents takes --policy; validate checks that document too. */
    @Mixin
    PolicyFileInput policy = new PolicyFileInput();

    @Option(names = "--strict", description = "Treat a current state over capacity as an error.")
    boolean strict;

    @Option(names = {"-o", "--output"}, paramLabel = "FMT", description = "table (default), json or yaml.", defaultValue = "table")
    String output;

    @Override
    public Integer call() {
        Output.checkFormat(spec, output, Output.RESULT_FORMATS);
        try {
            FleetInput.Loaded l = fleet.load(strict);
            policy.load();
            var f = l.view().fleet();
            long parents = f.hosts().stream().mapToLong(h -> h.devices().size()).sum();
            if (!output.equals("table")) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("valid", true);
                out.put("hosts", f.hosts().size());
                out.put("parents", parents);
                out.put("vms", f.vms().size());
                out.put("rulePacks", l.view().rules().packs().size());
                out.put("warnings", l.warnings().stream().map(InputProblem::toString).toList());
                out.put("errors", List.of());
                spec.commandLine().getOut().print(Output.document(out, output));
            } else {
                for (InputProblem w : l.warnings()) spec.commandLine().getErr().println("warning: " + w);
                spec.commandLine().getOut().println("valid: " + f.hosts().size() + " hosts, " + parents + " parent devices, " + f.vms().size()
                        + " VMs, " + l.view().rules().packs().size() + " rule packs; " + l.warnings().size() + " warning(s)");
            }
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().flush();
            return ExitCodes.OK;
        } catch (InvalidInputException e) {
            if (output.equals("table")) throw e;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("valid", false);
            out.put("errors", e.problems().stream().map(InputProblem::toString).toList());
            spec.commandLine().getOut().print(Output.document(out, output));
            spec.commandLine().getOut().flush();
            return ExitCodes.INVALID_INPUT;
        }
    }
}
