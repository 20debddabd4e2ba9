package io.devplace.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's outputs pinned byte for byte, mdevctl's way: each folder under {@code src/test/resources/golden/}
 * is one case, holding its input and its expected output side by side:
 * <ul>
 *   <li>{@code args}: the command line, one argument per line ({@code #} lines and blank lines are skipped; paths are
 *       relative to the project root, {@code ${case}} is the case's own folder);</li>
 *   <li>any input files the arguments name in {@code ${case}};</li>
 *   <li>{@code stdout}, {@code stderr} and {@code exit}: what devplace printed and returned.</li>
 * </ul>
 * Each case runs through the real entry point ({@link Main#commandLine()}) in-process. Plans and what-if runs take
 * {@code --seed} (seeded solves stop on a step count, the time limit is only a cap) and what-if runs a fixed
 * {@code --threads}, so the output is the same on every run except for what {@link #MASKS} blanks.
 * <p>
 * {@code mvn test -Dtest=GoldenFilesTest -Dgolden.update=true} rewrites {@code stdout}, {@code stderr} and
 * {@code exit} of every case from the current build: a change's effect on the outputs is then the diff of those files,
 * reviewed like code.
 */
class GoldenFilesTest {
    static final Path ROOT = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    /**
     * The only run-to-run differences, each blanked in every format that reports it: how long the solver ran (wall
     * clock); the plan's digest, a hash of the whole plan and so of its {@code solveMillis} too (the fleet's digest
     * stays); and the devplace version a what-if partial report records (it changes with each release, the report's
     * content does not).
     */
    static final List<Mask> MASKS = List.of(
            new Mask("\"solveMillis\" : \\d+", "\"solveMillis\" : \"<masked>\""),                 // plan json
            new Mask("(?m)^(\\s*)solveMillis: \\d+$", "$1solveMillis: <masked>"),                  // plan yaml
            new Mask("Solved in [0-9.,]+ (ms|s)\\.", "Solved in <masked>."),                       // plan table
            new Mask("(?i)(plan )sha256:[0-9a-f]{64}", "$1sha256:<masked>"),                       // plan table, exports
            new Mask("solve\\(s\\) in [0-9.]+ s on", "solve(s) in <masked> s on"),                // what-if stderr, html
            new Mask("merged in [0-9.]+ s", "merged in <masked> s"),                               // what-if merge stderr
            new Mask("(\"timing\" : \\{\\s*\"millis\" : )\\d+", "$1\"<masked>\""),                 // what-if partial report
            new Mask("(\"run\" : \\{[^}]*\"devplace\" : )\"[^\"]*\"", "$1\"<masked>\""));       // what-if partial report

    record Mask(String regex, String replacement) {
        String apply(String s) { return Pattern.compile(regex).matcher(s).replaceAll(replacement); }
    }

    @TestFactory
    Stream<DynamicTest> everyCase() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(ROOT)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(cases).as("golden cases under " + ROOT).isNotEmpty();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
    }

    static void check(Path dir) throws IOException {
        List<String> args = args(dir);
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        String out = mask(r.out()), err = mask(r.err()), exit = r.code() + "\n";
        if (UPDATE) {
            write(dir.resolve("stdout"), out);
            write(dir.resolve("stderr"), err);
            write(dir.resolve("exit"), exit);
            return;
        }
        List<String> failures = new ArrayList<>();
        compare(dir, "exit", exit, failures);
        compare(dir, "stdout", out, failures);
        compare(dir, "stderr", err, failures);
        if (!failures.isEmpty())
            throw new AssertionFailedError("golden case " + dir + " (devplace " + String.join(" ", args) + ") differs;"
                    + " if the change is intended, rerun with -Dgolden.update=true and review the diff of the golden files\n"
                    + String.join("\n", failures));
    }

    static List<String> args(Path dir) throws IOException {
        String self = dir.toString();
        return Files.readAllLines(dir.resolve("args"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.replace("${case}", self))
                .toList();
    }

    static String mask(String s) {
        for (Mask m : MASKS) s = m.apply(s);
        return s;
    }

    private static void compare(Path dir, String name, String actual, List<String> failures) throws IOException {
        Path p = dir.resolve(name);
        if (!Files.exists(p)) {
            failures.add("--- " + p + " is missing (run with -Dgolden.update=true to write it)");
            return;
        }
        String expected = Files.readString(p, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) failures.add(LineDiff.unified(p.toString(), expected, actual));
    }

    private static void write(Path p, String text) {
        try {
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
