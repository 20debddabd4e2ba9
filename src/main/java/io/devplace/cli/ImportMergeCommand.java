package io.devplace.cli;

import io.devplace.importers.FleetMerger;
import io.devplace.importers.Fragment;
import io.devplace.importers.Imported;
import io.devplace.model.Documents;
import io.devplace.model.Fleet;
import io.devplace.model.FleetReader;
import io.devplace.model.InputProblem;
import io.devplace.model.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge Fleet documents (from imports or by hand) into one; conflicting facts are errors (exit 4).")
public final class ImportMergeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ImportOutputOptions output;

    @Parameters(arity = "1..*", paramLabel = "FLEET", description = "Fleet documents (YAML or JSON; - for stdin).")
    List<String> files;

    @Override
    public Integer call() {
        List<Fragment> fragments = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();
        for (String f : files) {
            try {
                Documents.Parsed<Fleet> p = FleetReader.readFragment(f); // VFs owned here may be described by another fragment
                fragments.add(new Fragment(f, p.value(), p.locations()));
            } catch (InvalidInputException e) {
                problems.addAll(e.problems()); // read them all: one run shows every broken file
            }
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        output.print(new Imported(FleetMerger.merge(fragments), List.of()), spec.commandLine());
        return ExitCodes.OK;
    }
}
