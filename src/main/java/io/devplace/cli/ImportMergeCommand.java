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

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code devplace import merge FLEET...}: one Fleet from fragments; conflicting facts are errors. With {@code --rules} or
 * {@code --no-bundled-rules} the merged fleet is also checked against those packs, as {@code validate} checks it.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge Fleet documents (from imports or by hand) into one; conflicting facts are errors (exit 4).",
                "With --rules or --no-bundled-rules the merged fleet is also checked against those packs, as validate checks it"
                        + " (errors: exit 4, nothing written; warnings on stderr)."})
public final class ImportMergeCommand implements Callable<Integer> {
    /** How the merged fleet is named in the messages of its check (their lines are those of the output). */
    static final String MERGED = "<merged fleet>";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ImportOutputOptions output;

    @Mixin
    RuleOptions rules = new RuleOptions();

    /** Merging does not depend on a policy; one given is checked, as every command that reads documents does. */
    @Mixin
    PolicyFileInput policy = new PolicyFileInput();

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
        policy.load();
        Fleet merged = FleetMerger.merge(fragments);
        if (rules.given()) {
            byte[] text = ImportOutputOptions.render(merged, output.format).getBytes(StandardCharsets.UTF_8);
            FleetInput.Loaded l = FleetInput.load(MERGED, text, rules.load(), false); // errors: exit 4, nothing written
            PrintWriter err = spec.commandLine().getErr();
            for (InputProblem w : l.warnings()) err.println("devplace: warning: " + w);
            err.flush();
        }
        output.print(new Imported(merged, List.of()), spec.commandLine());
        return ExitCodes.OK;
    }
}
