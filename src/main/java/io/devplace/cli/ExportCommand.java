package io.devplace.cli;

import io.devplace.export.ExportFile;
import io.devplace.model.Plan;
import io.devplace.model.PlanReader;
import io.devplace.verify.PlanVerifier;
import io.devplace.verify.Violations;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code devplace export -f FLEET PLAN -o FMT}: renders a saved plan, so that the commands that run are the plan that
 * was reviewed. The plan is verified against the fleet first; one that fails is not rendered (exit 5).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Render a saved plan (verified first: exit 5 if it fails) as table, json, yaml, mdevctl commands or libvirt XML.")
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FleetInput fleet = new FleetInput();

    @Mixin
    PolicyFileInput policy = new PolicyFileInput();

    @Parameters(paramLabel = "PLAN", description = "Plan document (JSON or YAML, as plan -o json|yaml wrote it; - for stdin).")
    String planFile;

    @Option(names = {"-o", "--output"}, paramLabel = "FMT", required = true, description = "table, json, yaml, mdevctl or libvirt.")
    String output;

    @ArgGroup(exclusive = true)
    Destination destination;

    static final class Destination {
        @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE atomically instead of stdout.")
        Path out;

        @Option(names = "--out-dir", paramLabel = "DIR",
                description = "Write one file per host (mdevctl: HOST.sh) or per domain (libvirt: DOMAIN.xml) into DIR, each atomically.")
        Path outDir;
    }

    @Override
    public Integer call() {
        if (!PlanFormats.FORMATS.contains(output))
            throw new ParameterException(spec.commandLine(), "-o must be one of " + String.join(", ", PlanFormats.FORMATS) + " but got '" + output + "'");
        Path outDir = destination == null ? null : destination.outDir;
        if (outDir != null && !PlanFormats.SPLIT_FORMATS.contains(output))
            throw new ParameterException(spec.commandLine(), "--out-dir splits mdevctl or libvirt output; -o " + output + " is one document (use --out)");
        FleetInput.Loaded l = fleet.load(false);
        Plan plan = PlanReader.read(planFile).value();
        if (policy.file != null) plan = VerifyCommand.withPolicy(plan, policy.load());
        var err = spec.commandLine().getErr();
        if (plan.summary() != null && plan.summary().fleetDigest() != null && !plan.summary().fleetDigest().equals(l.digest()))
            err.println("devplace: note: the plan was made for a different fleet file (digest differs); verifying against this one");
        Violations v = PlanVerifier.verify(l.view().fleet(), l.view().rules(), plan);
        if (!v.isEmpty()) {
            for (String s : v.list()) err.println("violation: " + s);
            err.println("devplace: the plan fails verification against " + fleet.file + " (" + v.list().size() + " violation(s)); nothing exported");
            err.flush();
            return ExitCodes.VERIFY_FAILED;
        }
        if (outDir != null) writeFiles(PlanFormats.files(plan, output, l.view()), outDir);
        else {
            Path out = destination == null ? null : destination.out;
            Output.emit(PlanFormats.render(plan, output, l.view()), out, spec.commandLine().getOut());
            if (out != null) err.println("devplace: " + output + " export written to " + out);
        }
        if (!plan.unplaced().isEmpty())
            err.println("devplace: note: " + plan.unplaced().size() + " VM(s) of this plan are unplaced; the export names them in comments");
        err.flush();
        return ExitCodes.OK;
    }

    private void writeFiles(List<ExportFile> files, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.INVALID_INPUT, "cannot create " + dir + ": " + e.getMessage());
        }
        Map<String, String> seen = new HashMap<>();
        for (ExportFile f : files)
            if (seen.put(f.name(), f.name()) != null)
                throw new CommandFailure(ExitCodes.INVALID_INPUT, "two names in the plan map to the same file " + f.name() + " in " + dir);
        for (ExportFile f : files) Output.writeAtomically(dir.resolve(f.name()), f.text());
        spec.commandLine().getErr().println("devplace: " + files.size() + " file(s) written to " + dir
                + (files.isEmpty() ? " (the plan has nothing for " + output + ")" : ": " + String.join(", ", files.stream().map(ExportFile::name).toList())));
    }
}
