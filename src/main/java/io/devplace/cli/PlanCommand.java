package io.devplace.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code devplace plan}: groups planning subcommands (today: evacuate). */
@Command(name = "plan", mixinStandardHelpOptions = true, description = "Plan migrations.", subcommands = {EvacuateCommand.class})
public final class PlanCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() { throw new picocli.CommandLine.ParameterException(spec.commandLine(), "expected a subcommand: evacuate"); }
}
