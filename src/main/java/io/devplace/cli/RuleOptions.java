package io.devplace.cli;

import io.devplace.rules.RuleBook;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --rules DIR} (repeatable, tried before the bundled packs) and {@code --no-bundled-rules}. */
public final class RuleOptions {
    @Option(names = "--rules", paramLabel = "DIR", description = "Folder of rule packs tried before the bundled ones (repeatable).")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--no-bundled-rules", description = "Use only the packs from --rules.")
    boolean noBundled;

    public RuleBook load() { return RuleBook.load(dirs, !noBundled); }

    /** Whether either option was given (commands that check against the packs only when asked). */
    boolean given() { return !dirs.isEmpty() || noBundled; }
}
