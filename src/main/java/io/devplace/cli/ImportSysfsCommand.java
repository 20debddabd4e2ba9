package io.devplace.cli;

import io.devplace.importers.SysfsImporter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "sysfs", mixinStandardHelpOptions = true,
        description = "Build a Fleet from the kernel's mdev sysfs tree (ROOT/sys/class/mdev_bus) and the VFs of SR-IOV PFs"
                + " that a VF rule pack describes (ROOT/sys/bus/pci/devices/*/virtfn*).")
public final class ImportSysfsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ImportHostOptions host;

    @Mixin
    ImportOutputOptions output;

    /** The VF packs say how their drivers show a VF's type (docs/vf.md). */
    @Mixin
    RuleOptions rules;

    @Option(names = "--root", paramLabel = "DIR", defaultValue = "/", description = "Directory holding sys/ (default /).")
    Path root;

    @Override
    public Integer call() {
        output.print(SysfsImporter.importTree(host.facts(spec.commandLine()), root, VfLayouts.of(rules.load()), OfferedLayouts.of(rules.load())), spec.commandLine());
        return ExitCodes.OK;
    }
}
