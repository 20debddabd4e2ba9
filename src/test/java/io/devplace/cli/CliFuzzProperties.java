package io.devplace.cli;

import io.devplace.fuzz.Fuzz;
import io.devplace.fuzz.Hardening;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sample of the fuzzed inputs through the command line, as a user runs devplace (Main.commandLine().execute with
 * stdout and stderr captured): a mutated fleet, policy, plan, rule pack, mdevctl dump or libvirt XML always ends
 * with exit 0 or 4 (3 when a plan is incomplete, 5 when a plan fails verification) and a message, never a stack
 * trace or an internal error.
 */
class CliFuzzProperties {
    static Path dir;

    @BeforeContainer
    static void scratch() throws IOException { dir = Files.createTempDirectory("devplace-fuzz-cli"); }

    @AfterContainer
    static void cleanUp() throws IOException {
        Fuzz.report("CliFuzzProperties");
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    record Sample(String ext, byte[] bytes) {
        @Override
        public String toString() { return ext + " sample (" + bytes.length + " bytes)"; }
    }

    static Arbitrary<Tuple2<String, byte[]>> mutated(List<Sample> samples) {
        return Arbitraries.of(samples).flatMap(s -> Fuzz.mutations().map(ms -> Tuple.of(s.ext(), Fuzz.mutate(s.bytes(), ms))));
    }

    static Sample sample(String file) { return new Sample(file.substring(file.lastIndexOf('.') + 1), Hardening.bytes(file)); }

    static Sample asJson(String yamlFile) {
        try {
            var tree = io.devplace.fuzz.Schemas.tree(yamlFile, Hardening.bytes(yamlFile));
            return new Sample("json", new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(tree));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Provide Arbitrary<Tuple2<String, byte[]>> fleets() {
        return mutated(List.of(sample(Hardening.SMALL_FLEET), asJson(Hardening.SMALL_FLEET), sample(Hardening.DESCRIPTORS_FLEET)));
    }

    @Provide Arbitrary<Tuple2<String, byte[]>> policies() { return mutated(List.of(sample(Hardening.POLICY), asJson(Hardening.POLICY))); }

    @Provide Arbitrary<Tuple2<String, byte[]>> plans() {
        return mutated(List.of(new Sample("json", Hardening.smallPlanJson().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    @Provide Arbitrary<Tuple2<String, byte[]>> packs() {
        return mutated(List.of(sample("rules/11-nvidia-l40s-mixed-size.yaml"), sample("rules/20-intel-gvtg.yaml"), sample(Hardening.ALL_FEATURES_PACK)));
    }

    @Provide Arbitrary<Tuple2<String, byte[]>> mdevctl() {
        return mutated(List.of(sample("src/test/resources/importers/mdevctl/types.json"), sample("src/test/resources/importers/mdevctl/types-s390.json")));
    }

    @Provide Arbitrary<Tuple2<String, byte[]>> libvirt() {
        return mutated(List.of(sample("src/test/resources/importers/libvirt/pci_0000_3d_00_0.xml"), sample("src/test/resources/importers/libvirt/vm-gpu-1.xml"),
                sample("src/test/resources/importers/libvirt/mdev_3f443a71_7129_44d9_9e91_6d0617823c48.xml"),
                sample("src/test/resources/importers/libvirt/s390/ap_matrix.xml")));
    }

    static String write(String ext, byte[] bytes) {
        try {
            Path p = Files.createTempFile(dir, "in-", "." + ext);
            Files.write(p, bytes);
            return p.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs devplace; on a crash, saves the input for the corpus and fails with what the user would have seen. */
    static Hardening.Run run(String kind, String ext, byte[] input, Set<Integer> allowed, String... args) {
        Fuzz.count("cli-" + kind);
        Hardening.Run r = Hardening.devplace(args);
        Statistics.label("exit").collect(r.code());
        boolean ok = allowed.contains(r.code()) && !r.err().contains("internal error") && !r.err().contains("Exception")
                && !r.err().contains("\tat ") && !r.err().contains("<import output>");
        if (!ok) {
            Path saved = Fuzz.save(kind, ext, input);
            throw new AssertionError("devplace " + String.join(" ", args) + " (input saved as " + saved + ")\n" + r);
        }
        // invalid input is reported: on stderr, or in the JSON report of validate -o json
        if (r.code() == 4) assertThat(r.err().startsWith("devplace: ") || r.out().contains("\"errors\"")).as(r.toString()).isTrue();
        return r;
    }

    static final Set<Integer> OK_OR_INVALID = Set.of(0, 4);

    @Property(tries = 150)
    void validateAMutatedFleet(@ForAll("fleets") Tuple2<String, byte[]> in, @ForAll boolean json) {
        String f = write(in.get1(), in.get2());
        run("fleet", in.get1(), in.get2(), OK_OR_INVALID, json ? new String[]{"validate", "-f", f, "-o", "json"} : new String[]{"validate", "-f", f, "--strict"});
    }

    @Property(tries = 40)
    void validateAMutatedFleetFromStdin(@ForAll("fleets") Tuple2<String, byte[]> in) {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(in.get2()));
            run("fleet", in.get1(), in.get2(), OK_OR_INVALID, "validate", "-f", "-");
        } finally {
            System.setIn(saved);
        }
    }

    /** Planning solves (seconds each): a few mutated fleets that still validate, planned with a short seeded run. */
    @Property(tries = 8)
    void planAMutatedFleet(@ForAll("fleets") Tuple2<String, byte[]> in) {
        String f = write(in.get1(), in.get2());
        Hardening.Run v = run("fleet", in.get1(), in.get2(), OK_OR_INVALID, "validate", "-f", f);
        String host = new String(in.get2(), java.nio.charset.StandardCharsets.UTF_8).contains("name: src") ? "src" : "a";
        if (v.code() == 0) run("fleet", in.get1(), in.get2(), Set.of(0, 3, 4), "plan", "evacuate", host, "-f", f, "--seed", "1", "--time-limit", "5s", "-o", "json");
    }

    @Property(tries = 100)
    void explainWithAMutatedPolicy(@ForAll("policies") Tuple2<String, byte[]> in) {
        String f = write(in.get1(), in.get2());
        run("policy", in.get1(), in.get2(), OK_OR_INVALID, "explain", "-f", Hardening.SMALL_FLEET, "--vm", "gpu-vm", "--policy", f, "-o", "json");
    }

    @Property(tries = 120)
    void verifyAMutatedPlan(@ForAll("plans") Tuple2<String, byte[]> in) {
        String f = write(in.get1(), in.get2());
        run("plan", in.get1(), in.get2(), Set.of(0, 4, 5), "verify", "-f", Hardening.SMALL_FLEET, f);
    }

    @Property(tries = 100)
    void validateWithAMutatedRulePack(@ForAll("packs") Tuple2<String, byte[]> in) throws IOException {
        Path rules = Files.createTempDirectory(dir, "rules-");
        Files.write(rules.resolve("pack.yaml"), in.get2());
        run("rulepack", in.get1(), in.get2(), OK_OR_INVALID, "validate", "-f", Hardening.SMALL_FLEET, "--rules", rules.toString());
    }

    @Property(tries = 60)
    void importAMutatedMdevctlDump(@ForAll("mdevctl") Tuple2<String, byte[]> in, @ForAll boolean json) {
        String f = write(in.get1(), in.get2());
        run("mdevctl-types", in.get1(), in.get2(), OK_OR_INVALID, "import", "mdevctl", "--host", "h", "--types", f, "-o", json ? "json" : "yaml");
    }

    @Property(tries = 100)
    void importMutatedLibvirtXml(@ForAll("libvirt") Tuple2<String, byte[]> in) {
        String f = write(in.get1(), in.get2());
        List<String> args = new ArrayList<>(List.of("import", "libvirt", "--host", "h", "--cpus", "8"));
        args.add(f);
        run("libvirt", in.get1(), in.get2(), OK_OR_INVALID, args.toArray(String[]::new));
    }
}
