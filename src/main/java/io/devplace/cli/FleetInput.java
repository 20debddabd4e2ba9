package io.devplace.cli;

import io.devplace.model.Documents;
import io.devplace.model.Fleet;
import io.devplace.model.FleetReader;
import io.devplace.model.InputProblem;
import io.devplace.model.InvalidInputException;
import io.devplace.problem.FleetChecks;
import io.devplace.problem.FleetView;
import io.devplace.rules.RuleBook;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** {@code -f FLEET} plus rule options: reads, checks and resolves a fleet (exit 4 on any error). */
public final class FleetInput {
    @Option(names = {"-f", "--fleet"}, required = true, paramLabel = "FLEET", description = "Fleet document (YAML or JSON; - for stdin).")
    String file;

    @Mixin
    RuleOptions rules = new RuleOptions();

    /** A fleet ready to use: resolved view, the warnings found, and a digest of the bytes read. */
    public record Loaded(FleetView view, List<InputProblem> warnings, String digest) {}

    public Loaded load(boolean strict) {
        byte[] bytes = Documents.readBytes(file);
        return load(file, bytes, rules.load(), strict);
    }

    public static Loaded load(String name, byte[] bytes, RuleBook book, boolean strict) {
        Documents.Parsed<Fleet> parsed = FleetReader.parse(name, bytes);
        FleetView view = new FleetView(parsed.value(), book);
        FleetChecks.Result r = FleetChecks.run(view, parsed.locations());
        List<InputProblem> errors = new ArrayList<>(r.errors());
        List<InputProblem> warnings = new ArrayList<>(r.warnings());
        if (strict) errors.addAll(r.strictWarnings());
        else warnings.addAll(r.strictWarnings());
        if (!errors.isEmpty()) throw new InvalidInputException(errors);
        return new Loaded(view, warnings, digest(bytes));
    }

    static String digest(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
