package io.devplace.cli;

import picocli.CommandLine.Command;

/** Builds Fleet fragments from real host data (SPEC §5). Subcommands are added by the importers work. */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Build a Fleet from mdevctl, libvirt or sysfs data (SPEC §5).")
public final class ImportCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { throw new picocli.CommandLine.ParameterException(spec.commandLine(), "expected mdevctl, libvirt, sysfs or merge"); }
}
