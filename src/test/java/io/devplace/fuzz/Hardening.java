package io.devplace.fuzz;

import io.devplace.cli.Main;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Shared inputs of the hardening tests (schemas, fuzzing, files): the small fleet of src/test/resources/hardening,
 * a full policy, and one seeded plan of that fleet, made once per test JVM because solving costs seconds.
 */
public final class Hardening {
    private Hardening() {}

    /** A small fleet with one parent of each capacity model (slots, counters with aggregation, exclusive-free). */
    public static final String SMALL_FLEET = "src/test/resources/hardening/small-fleet.yaml";
    /** A policy document that sets every field. */
    public static final String POLICY = "src/test/resources/hardening/policy.yaml";
    public static final String EXAMPLE = "examples/fleet.yaml";
    /** Explicit compatibility descriptors using the whole template language. */
    public static final String DESCRIPTORS_FLEET = "src/test/resources/hardening/descriptors-fleet.yaml";
    /** A rule pack using every field; it governs the small fleet's mtty parents. */
    public static final String ALL_FEATURES_PACK = "src/test/resources/hardening/all-features-pack.yaml";

    /** A run of devplace in-process: exit code, stdout, stderr. */
    public record Run(int code, String out, String err) {
        @Override
        public String toString() { return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err; }
    }

    public static Run devplace(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static volatile String plan;

    /** The plan of evacuating host src of the small fleet with --seed 1, as JSON (exit 3: one VM stays unplaced). */
    public static String smallPlanJson() {
        if (plan == null) {
            synchronized (Hardening.class) {
                if (plan == null) {
                    Run r = devplace("plan", "evacuate", "src", "-f", SMALL_FLEET, "--rules", io.devplace.rules.TestPacks.AGGREGATING_GVTG.toString(), "--seed", "1", "--time-limit", "60s", "-o", "json");
                    if (r.code() != 3) throw new IllegalStateException("the small fleet's plan changed: " + r);
                    plan = r.out();
                }
            }
        }
        return plan;
    }

    public static byte[] bytes(String file) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String file) { return new String(bytes(file), StandardCharsets.UTF_8); }

    /** Reads and checks a policy as {@code --policy FILE} does (InvalidInputException when it is not one). */
    public static io.devplace.model.Policy checkPolicy(String file, byte[] bytes) { return io.devplace.cli.Policies.read(file, bytes); }
}
