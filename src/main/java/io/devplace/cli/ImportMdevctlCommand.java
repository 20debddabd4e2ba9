package io.devplace.cli;

import io.devplace.importers.MdevctlImporter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "mdevctl", mixinStandardHelpOptions = true,
        description = "Build a Fleet from `mdevctl types --dumpjson` and `mdevctl list [--defined] --dumpjson` output.")
public final class ImportMdevctlCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ImportHostOptions host;

    @Mixin
    ImportOutputOptions output;

    @Option(names = "--types", required = true, paramLabel = "FILE", description = "Output of `mdevctl types --dumpjson` (- for stdin).")
    String types;

    @Option(names = "--list", paramLabel = "FILE",
            description = "Output of `mdevctl list [--defined] --dumpjson`; may be given twice (active and defined).")
    List<String> lists = new ArrayList<>();

    @Override
    public Integer call() {
        output.print(MdevctlImporter.importFiles(host.facts(spec.commandLine()), types, lists), spec.commandLine());
        return ExitCodes.OK;
    }
}
