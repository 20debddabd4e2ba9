package io.devplace.cli;

import io.devplace.importers.SysfsImporter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "sysfs", mixinStandardHelpOptions = true,
        description = "Build a Fleet from the kernel's mdev sysfs tree (ROOT/sys/class/mdev_bus).")
public final class ImportSysfsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ImportHostOptions host;

    @Mixin
    ImportOutputOptions output;

    @Option(names = "--root", paramLabel = "DIR", defaultValue = "/", description = "Directory holding sys/ (default /).")
    Path root;

    @Override
    public Integer call() {
        output.print(SysfsImporter.importTree(host.facts(spec.commandLine()), root), spec.commandLine());
        return ExitCodes.OK;
    }
}
