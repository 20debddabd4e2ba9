package io.devplace.model;

import io.devplace.cli.FleetInput;
import io.devplace.fuzz.Fuzz;
import io.devplace.fuzz.Hardening;
import io.devplace.rules.LoadedPack;
import io.devplace.rules.RuleBook;
import io.devplace.verify.PlanVerifier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fuzzing the document readers (docs/reference/README.md): Fleet, Policy, Plan and RulePack, in YAML and JSON (by extension and
 * sniffed), from mutated fixtures, arbitrary bytes, arbitrary text after a valid header and token soups. Each input
 * goes as far as devplace takes it: a fleet through every check that needs the bundled packs, a policy through
 * the policy checks, a plan through the verifier against the small fleet, a pack through compilation and use on a
 * fleet. Only success or {@link InvalidInputException} is allowed.
 */
class DocumentFuzzProperties {
    static final RuleBook BUNDLED = RuleBook.bundledOnly();

    @net.jqwik.api.lifecycle.AfterContainer
    static void report() { Fuzz.report("DocumentFuzzProperties"); }

    /** A named sample document: the name decides YAML or JSON as for a file on the command line. */
    record Doc(String name, byte[] bytes) {
        @Override
        public String toString() { return name + " (" + bytes.length + " bytes)"; }
    }

    static Doc doc(String name, String text) { return new Doc(name, text.getBytes(StandardCharsets.UTF_8)); }

    static String json(String yamlFile) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(io.devplace.fuzz.Schemas.tree(yamlFile, Hardening.bytes(yamlFile)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final List<Doc> FLEETS = List.of(
            doc("fleet.yaml", Inputs.FLEET), doc("fleet.json", Inputs.FLEET_JSON), doc("fleet", Inputs.FLEET_JSON),
            doc("small.yaml", Hardening.text(Hardening.SMALL_FLEET)), doc("small.json", json(Hardening.SMALL_FLEET)),
            doc("hand.yaml", Hardening.text("src/test/resources/importers/merge/hand.yaml")),
            doc("descriptors.yaml", Hardening.text(Hardening.DESCRIPTORS_FLEET)), doc("descriptors.json", json(Hardening.DESCRIPTORS_FLEET)));

    static final List<Doc> POLICIES = List.of(
            doc("policy.yaml", Hardening.text(Hardening.POLICY)), doc("policy.json", json(Hardening.POLICY)),
            doc("policy", "apiVersion: devplace/v1\nkind: Policy\nmaxParallel: 3\ntimeLimit: 500ms\n"));

    static List<Doc> plans() {
        String planJson = Hardening.smallPlanJson();
        String planYaml;
        try {
            planYaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValueAsString(
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(planJson));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of(doc("plan.json", planJson), doc("plan.yaml", planYaml), doc("plan", planJson));
    }

    static final List<Doc> PACKS;

    static {
        List<Doc> packs = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("rules"))) {
            for (Path p : s.sorted().toList()) packs.add(new Doc(p.getFileName().toString(), Files.readAllBytes(p)));
            packs.add(new Doc("all-features.yaml", Hardening.bytes(Hardening.ALL_FEATURES_PACK)));
            packs.add(new Doc("all-features.json", json(Hardening.ALL_FEATURES_PACK).getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PACKS = List.copyOf(packs);
    }

    static final List<String> FLEET_WORDS = List.of("hosts", "vms", "name", "cpus", "memoryMiB", "state", "labels", "attributes",
            "migration", "bandwidthMiBps", "devices", "id", "driver", "model", "numaNode", "iommuGroup", "supportedTypes",
            "availableInstances", "mdevs", "uuid", "type", "attrs", "placement", "host", "priority", "liveMigratable", "groups",
            "mdev", "compatibility", "self", "compatible", "vars", "h1", "p0", "mtty", "mtty-2", Inputs.UUID);
    static final List<String> POLICY_WORDS = List.of("maxParallel", "maxPerHost", "bandwidthMiBps", "allowCold", "allowRebalance",
            "removeFreeMdevs", "maxDowntimeMs", "spread", "antiAffinity", "timeLimit", "weights", "moves", "consolidate", "soft", "30s");
    static final List<String> PLAN_WORDS = List.of("request", "evacuate", "policy", "summary", "moves", "actions", "unplaced", "vm", "mode",
            "from", "to", "wave", "estimatedDowntimeMs", "source", "target", "parent", "action", "reuse", "create", "rule", "op",
            "create-mdev", "remove-mdev", "migrate", "live", "restart", "reasons", "code", "detail", "src", "dst", "gpu-vm", "mtty");
    static final List<String> PACK_WORDS = List.of("name", "match", "driver", "requires", "capacity", "counters", "exclusive", "slots",
            "types", "deviceApi", "consumes", "maxInstances", "size", "aggregation", "attr", "min", "max", "props", "stateMiB",
            "migration", "self", "compatible", "vars", "attrs", "${type.id}", "${self.a}", "${n * 2}", "${x:-1}", "mtty", "vfio-pci");

    static String header(String kind) { return "apiVersion: devplace/v1\nkind: " + kind + "\n"; }

    /** Mutated samples, arbitrary bytes, arbitrary text after the header, token soups, in that proportion. */
    static Arbitrary<Tuple2<String, byte[]>> inputs(List<Doc> samples, String kind, List<String> words) {
        Arbitrary<Tuple2<String, byte[]>> mutated = Arbitraries.of(samples)
                .flatMap(d -> Fuzz.mutations().map(ms -> Tuple.of(d.name(), Fuzz.mutate(d.bytes(), ms))));
        Arbitrary<String> names = Arbitraries.of(kind.toLowerCase() + ".yaml", kind.toLowerCase() + ".json", kind.toLowerCase());
        Arbitrary<Tuple2<String, byte[]>> bytes = names.flatMap(n -> Fuzz.anyBytes().map(b -> Tuple.of(n, b)));
        Arbitrary<Tuple2<String, byte[]>> text = names.flatMap(n -> Fuzz.anyTextAfter(header(kind)).map(b -> Tuple.of(n, b)));
        Arbitrary<Tuple2<String, byte[]>> soup = names.flatMap(n -> Fuzz.tokenSoup(header(kind), words).map(b -> Tuple.of(n, b)));
        return Arbitraries.frequencyOf(Tuple.of(12, mutated), Tuple.of(1, bytes), Tuple.of(2, text), Tuple.of(3, soup));
    }

    @Provide Arbitrary<Tuple2<String, byte[]>> fleets() { return inputs(FLEETS, "Fleet", FLEET_WORDS); }

    @Provide Arbitrary<Tuple2<String, byte[]>> policies() { return inputs(POLICIES, "Policy", POLICY_WORDS); }

    @Provide Arbitrary<Tuple2<String, byte[]>> plans_() { return inputs(plans(), "Plan", PLAN_WORDS); }

    @Provide Arbitrary<Tuple2<String, byte[]>> packs() { return inputs(PACKS, "RulePack", PACK_WORDS); }

    /** The input of one try and, with -Ddevplace.fuzz.repeat=N, N-1 further mutations of it. */
    static void forEachInput(Tuple2<String, byte[]> in, java.util.function.BiConsumer<String, byte[]> check) {
        check.accept(in.get1(), in.get2());
        for (int i = 1; i < Fuzz.REPEAT; i++) check.accept(in.get1(), Fuzz.remutate(in.get2(), java.util.Arrays.hashCode(in.get2()) * 31L + i));
    }

    static String ext(String name) { return name.endsWith(".json") ? "json" : name.endsWith(".yaml") ? "yaml" : "txt"; }

    @Property(tries = 500)
    void fleetReadingOnlyEverSucceedsOrRejectsTheInput(@ForAll("fleets") Tuple2<String, byte[]> in) {
        forEachInput(in, (name, bytes) -> Fuzz.expectCleanFailureOrSuccess("fleet", ext(name), bytes,
                () -> FleetInput.load(name, bytes, BUNDLED, bytes.length % 2 == 0)));
    }

    @Property(tries = 300)
    void policyReadingOnlyEverSucceedsOrRejectsTheInput(@ForAll("policies") Tuple2<String, byte[]> in) {
        forEachInput(in, (name, bytes) -> Fuzz.expectCleanFailureOrSuccess("policy", ext(name), bytes, () -> {
            Policy p = Hardening.checkPolicy(name, bytes);
            p.timeLimitDuration();
        }));
    }

    static volatile FleetInput.Loaded small;

    static FleetInput.Loaded small() {
        if (small == null) small = FleetInput.load(Hardening.SMALL_FLEET, Hardening.bytes(Hardening.SMALL_FLEET), BUNDLED, false);
        return small;
    }

    @Property(tries = 300)
    void planReadingAndVerifyingOnlyEverSucceedsOrRejectsTheInput(@ForAll("plans_") Tuple2<String, byte[]> in) {
        FleetInput.Loaded fleet = small();
        forEachInput(in, (name, bytes) -> Fuzz.expectCleanFailureOrSuccess("plan", ext(name), bytes, () -> {
            Plan plan = PlanReader.parse(name, bytes).value();
            PlanVerifier.verify(fleet.view().fleet(), fleet.view().rules(), plan); // violations are an answer too
        }));
    }

    @Property(tries = 300)
    void rulePackReadingAndUseOnlyEverSucceedsOrRejectsTheInput(@ForAll("packs") Tuple2<String, byte[]> in) {
        byte[] fleet = Hardening.bytes(Hardening.SMALL_FLEET);
        forEachInput(in, (name, bytes) -> Fuzz.expectCleanFailureOrSuccess("rulepack", ext(name), bytes, () -> {
            LoadedPack pack = RuleBook.parse(name, bytes);
            List<LoadedPack> packs = new ArrayList<>(List.of(pack));
            packs.addAll(RuleBook.bundled());
            // the pack governs whatever it matches in the small fleet: every descriptor and capacity check uses it
            FleetInput.load(Hardening.SMALL_FLEET, fleet, new RuleBook(packs), false);
        }));
    }
}
