package io.devplace.cli;

import io.devplace.importers.LibvirtImporter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "libvirt", mixinStandardHelpOptions = true,
        description = "Build a Fleet from `virsh nodedev-dumpxml` (mdev parents and mdevs) and `virsh dumpxml` (domains) output.")
public final class ImportLibvirtCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ImportHostOptions host;

    @Mixin
    ImportOutputOptions output;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "XML files, one <device> or <domain> each (or a wrapper around several).")
    List<String> files;

    @Override
    public Integer call() {
        output.print(LibvirtImporter.importFiles(host.facts(spec.commandLine()), files), spec.commandLine());
        return ExitCodes.OK;
    }
}
