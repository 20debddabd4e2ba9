package io.devplace.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Builds Fleet fragments from real host data (docs/reference/import.md): one subcommand per source, and merge to combine them. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Build a Fleet from mdevctl, libvirt or sysfs data, or merge Fleets.",
        subcommands = {ImportMdevctlCommand.class, ImportLibvirtCommand.class, ImportSysfsCommand.class, ImportMergeCommand.class})
public final class ImportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { throw new CommandLine.ParameterException(spec.commandLine(), "expected mdevctl, libvirt, sysfs or merge"); }
}
