package io.devplace.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import io.devplace.fuzz.Hardening;
import io.devplace.fuzz.Schemas;
import io.devplace.rules.RuleBook;
import io.devplace.solver.EvacuationConstraints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.devplace.fuzz.Schemas.describe;
import static io.devplace.fuzz.Schemas.pointer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The JSON Schemas in schemas/ (draft 2020-12) accept every example, fixture and planner output, reject malformed
 * documents at the right JSON pointer (where devplace's reader rejects them too, at the same path), and agree with
 * the code on every enumeration.
 */
class SchemaTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode schemaDoc(String kind) throws IOException { return JSON.readTree(Path.of(Schemas.file(kind)).toFile()); }

    static void assertValid(String kind, String name, byte[] bytes) {
        List<Error> errors = Schemas.validate(kind, name, bytes);
        assertThat(errors).as("%s against %s:%s", name, Schemas.file(kind), describe(errors)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Fleet", "RulePack", "Policy", "Plan"})
    void everySchemaIsADraft2020_12Schema(String kind) throws IOException {
        JsonNode doc = schemaDoc(kind);
        assertThat(doc.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        // the meta-schema ships inside the validator: nothing is fetched
        var meta = Schemas.metaSchema();
        List<Error> errors = meta.validate(doc);
        assertThat(errors).as(describe(errors)).isEmpty();
        assertThat(doc.get("properties").get("kind").get("const").asText()).isEqualTo(kind);
        assertThat(doc.get("additionalProperties").asBoolean(true)).isFalse();
    }

    static Stream<Arguments> fleets() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String f : List.of(Hardening.EXAMPLE, Hardening.SMALL_FLEET, Hardening.DESCRIPTORS_FLEET, "src/test/resources/importers/merge/hand.yaml",
                "src/test/resources/importers/merge/conflict.yaml"))
            out.add(arguments(f, Hardening.bytes(f)));
        out.add(arguments("Inputs.FLEET (yaml)", Inputs.utf8(Inputs.FLEET)));
        out.add(arguments("Inputs.FLEET_JSON (json)", Inputs.utf8(Inputs.FLEET_JSON)));
        // the example as JSON, as another tool would write it
        JsonNode example = Schemas.tree(Hardening.EXAMPLE, Hardening.bytes(Hardening.EXAMPLE));
        out.add(arguments("examples/fleet.yaml as .json", JSON.writeValueAsBytes(example)));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fleets")
    void everyFleetFixtureIsValid(String name, byte[] bytes) {
        String file = name.endsWith("(yaml)") ? "x.yaml" : name.endsWith("json") || name.endsWith("(json)") ? "x.json" : name;
        assertValid("Fleet", file, bytes);
        FleetReader.parse(file, bytes); // and devplace reads it
    }

    static Stream<Path> rulePacks() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("rules"))) {
            List<Path> packs = new ArrayList<>(s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList());
            packs.add(Path.of(Hardening.ALL_FEATURES_PACK));
            return packs.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rulePacks")
    void everyRulePackIsValid(Path pack) {
        byte[] bytes = Hardening.bytes(pack.toString());
        assertValid("RulePack", pack.toString(), bytes);
        RuleBook.parse(pack.toString(), bytes);
    }

    @Test
    void policiesAreValid() throws IOException {
        assertValid("Policy", Hardening.POLICY, Hardening.bytes(Hardening.POLICY));
        assertValid("Policy", "defaults.json", JSON.writeValueAsBytes(Policy.defaults()));
        assertValid("Policy", "minimal.yaml", Inputs.utf8("apiVersion: devplace/v1\nkind: Policy\n"));
    }

    @Test
    void aPlanFromThePlannerIsValidAndSoIsItsPolicy() {
        String plan = Hardening.smallPlanJson();
        JsonNode tree = Schemas.tree("plan.json", Inputs.utf8(plan));
        // the plan exercises what the schema describes: create at a placement, reuse with attrs, restart, removals, unplaced
        assertThat(tree.at("/moves").size()).isGreaterThanOrEqualTo(4);
        assertThat(plan).contains("\"action\" : \"reuse\"", "\"action\" : \"create\"", "\"mode\" : \"restart\"", "\"op\" : \"remove-mdev\"",
                "\"code\" : \"INSUFFICIENT_CPU\"").containsPattern("\"placement\" : [0-9]+");
        List<Error> errors = Schemas.validate("Plan", tree);
        assertThat(errors).as(describe(errors)).isEmpty();
        List<Error> policyErrors = Schemas.validate("Policy", tree.at("/request/policy"));
        assertThat(policyErrors).as(describe(policyErrors)).isEmpty();
        Documents.parse("plan.json", Inputs.utf8(plan), "Plan", Plan.class);
    }

    @Test
    void importOutputIsAValidFleet() {
        String dir = "src/test/resources/importers/";
        List<List<String>> imports = List.of(
                List.of("import", "mdevctl", "--host", "h", "--cpus", "8", "--types", dir + "mdevctl/types.json", "--list", dir + "mdevctl/list.json"),
                List.of("import", "mdevctl", "--host", "z", "--types", dir + "mdevctl/types-s390.json", "--list", dir + "mdevctl/list-s390.json"),
                List.of("import", "libvirt", "--host", "h", dir + "libvirt/pci_0000_3d_00_0.xml", dir + "libvirt/pci_0000_3e_00_0.xml",
                        dir + "libvirt/mdev_d5562ef4_94fd_41cb_b0dc_1b0f150d2b41_0000_3d_00_0.xml", dir + "libvirt/mdev_3f443a71_7129_44d9_9e91_6d0617823c48.xml",
                        dir + "libvirt/mdev_56e62c23_97ac_4027_ab5d_e8c168449741_0000_3e_00_0.xml", dir + "libvirt/vm-gpu-1.xml", dir + "libvirt/vm-gpu-2.xml"));
        for (List<String> args : imports) {
            for (String fmt : List.of("yaml", "json")) {
                List<String> a = new ArrayList<>(args);
                a.addAll(List.of("-o", fmt));
                Hardening.Run r = Hardening.devplace(a.toArray(String[]::new));
                assertThat(r.code()).as(r.toString()).isZero();
                assertValid("Fleet", "import." + fmt, Inputs.utf8(r.out()));
            }
        }
    }

    // ---------------------------------------------------------------- invalid documents

    static final String FLEET_HEAD = "apiVersion: devplace/v1\nkind: Fleet\n";
    static final String UUID = Inputs.UUID;

    /** kind, document, JSON pointer and keyword the schema reports, and the path devplace's reader names (null: the reader accepts it). */
    static Stream<Arguments> invalid() {
        String host = FLEET_HEAD + "hosts:\n  - name: h1\n    cpus: 8\n";
        String mdevHost = host + "    devices:\n      - id: p0\n        driver: mtty\n        mdevs:\n          - uuid: \"" + UUID + "\"\n            type: mtty-2\n";
        String policy = "apiVersion: devplace/v1\nkind: Policy\n";
        String pack = "apiVersion: devplace/v1\nkind: RulePack\nname: p\nmatch: {driver: x}\n";
        return Stream.of(
                arguments("Fleet", FLEET_HEAD + "host: []\n", "/host", "additionalProperties", "host"),
                arguments("Fleet", "apiVersion: devplace/v2\nkind: Fleet\n", "/apiVersion", "const", "apiVersion"),
                arguments("Fleet", "apiVersion: devplace/v1\n", "/kind", "required", "kind"),
                arguments("Fleet", host.replace("cpus: 8", "cpus: -1"), "/hosts/0/cpus", "minimum", "hosts[0].cpus"),
                arguments("Fleet", host.replace("cpus: 8", "cpus: 8.5"), "/hosts/0/cpus", "type", "hosts[0].cpus"),
                arguments("Fleet", host.replace("cpus: 8", "cpus: 9223372036854775808"), "/hosts/0/cpus", "maximum", "hosts[0].cpus"),
                arguments("Fleet", host.replace("cpus: 8", "cpus: \"8\""), "/hosts/0/cpus", "type", "hosts[0].cpus"),
                arguments("Fleet", host + "    state: Active\n", "/hosts/0/state", "enum", "hosts[0].state"),
                arguments("Fleet", host.replace("name: h1", "name: \" \""), "/hosts/0/name", "pattern", "hosts[0].name"),
                arguments("Fleet", host.replace("  - name: h1\n    cpus: 8\n", "  - cpus: 8\n"), "/hosts/0/name", "required", "hosts[0].name"),
                arguments("Fleet", host + "    migration: {bandwidthMiBps: 0}\n", "/hosts/0/migration/bandwidthMiBps", "minimum", "hosts[0].migration.bandwidthMiBps"),
                arguments("Fleet", host + "    labels: [rack]\n", "/hosts/0/labels", "type", "hosts[0].labels"),
                arguments("Fleet", host + "    devices:\n      - id: p0\n        driver: mtty\n        modle: x\n", "/hosts/0/devices/0/modle",
                        "additionalProperties", "hosts[0].devices[0].modle"),
                arguments("Fleet", mdevHost.replace("\"" + UUID + "\"", "not-a-uuid"), "/hosts/0/devices/0/mdevs/0/uuid", "pattern",
                        "hosts[0].devices[0].mdevs[0].uuid"),
                arguments("Fleet", mdevHost + "            attrs: [{a: \"1\", b: \"2\"}]\n", "/hosts/0/devices/0/mdevs/0/attrs/0", "maxProperties",
                        "hosts[0].devices[0].mdevs[0].attrs[0]"),
                arguments("Fleet", mdevHost + "            placement: -4\n", "/hosts/0/devices/0/mdevs/0/placement", "minimum",
                        "hosts[0].devices[0].mdevs[0].placement"),
                arguments("Fleet", mdevHost + "    devices:\n", null, null, "hosts[0].devices"), // duplicate key: the reader alone
                arguments("Fleet", mdevHost + "vms:\n  - name: v\n    host: h1\n    liveMigratable: \"no\"\n", "/vms/0/liveMigratable", "type",
                        "vms[0].liveMigratable"),
                arguments("Fleet", mdevHost + "vms:\n  - name: v\n    host: h1\n    devices: [{mdev: \"" + UUID + "\", compatibility: {self: {a: b}, other: 1}}]\n",
                        "/vms/0/devices/0/compatibility/other", "additionalProperties", "vms[0].devices[0].compatibility.other"),
                arguments("Fleet", mdevHost + "vms:\n  - name: v\n    host: h1\n    devices: [{mdev: \"" + UUID + "\", compatibility: {compatible: [{vars: {n: []}}]}}]\n",
                        "/vms/0/devices/0/compatibility/compatible/0/vars/n", "oneOf", "hosts[0].devices[0].mdevs[0]"), // where the descriptor is built
                arguments("Policy", policy + "spread: packed\n", "/spread", "enum", "spread"),
                arguments("Policy", policy + "maxParallel: 0\n", "/maxParallel", "minimum", "maxParallel"),
                arguments("Policy", policy + "timeLimit: 30 seconds\n", "/timeLimit", "pattern", "timeLimit"),
                arguments("Policy", policy + "weights: {bogus: 1}\n", "/weights/bogus", "propertyNames", "weights.bogus"),
                arguments("Policy", policy + "weights: {moves: -1}\n", "/weights/moves", "minimum", "weights.moves"),
                arguments("Policy", policy + "allowCold: 1\n", "/allowCold", "type", "allowCold"),
                arguments("RulePack", pack + "capacity: {exclusive: yes}\n", "/capacity/exclusive", "enum", "capacity.exclusive"),
                arguments("RulePack", pack + "capacity: {slots: -8}\n", "/capacity/slots", "minimum", "capacity.slots"),
                arguments("RulePack", pack + "capacity: {slots: 2147483648}\n", "/capacity/slots", "maximum", "capacity.slots"),
                arguments("RulePack", pack + "types:\n  t1: {name: T}\n", "/types/t1/deviceApi", "required", "types.t1.deviceApi"),
                arguments("RulePack", pack + "types:\n  t1: {deviceApi: vfio-pci, aggregation: {min: 1}}\n", "/types/t1/aggregation/max", "required",
                        "types.t1.aggregation.max"),
                arguments("RulePack", pack.replace("match: {driver: x}", "match: {}"), "/match", "minProperties", "match"),
                arguments("RulePack", pack.replace("match: {driver: x}", "match: {vendor: x}"), "/match/vendor", "propertyNames", null),
                arguments("RulePack", pack + "migration: {self: {a: {b: c}}}\n", "/migration/self/a", "type", "migration.self.a"));
    }

    @ParameterizedTest(name = "[{index}] {0} {2} {3}")
    @MethodSource("invalid")
    void invalidDocumentsAreRejectedAtTheirPointer(String kind, String yaml, String pointer, String keyword, String readerPath) {
        byte[] bytes = Inputs.utf8(yaml);
        if (pointer != null) {
            List<Error> errors = Schemas.validate(kind, Schemas.looseTree("doc.yaml", bytes));
            assertThat(errors).as("schema errors:%s", describe(errors)).isNotEmpty();
            assertThat(errors).as("schema errors:%s", describe(errors))
                    .anySatisfy(e -> {
                        assertThat(pointer(e)).isEqualTo(pointer);
                        assertThat(e.getKeyword()).isEqualTo(keyword);
                    });
        }
        if (readerPath != null) {
            InvalidInputException x = assertThrows(InvalidInputException.class, () -> read(kind, bytes));
            assertThat(x.problems()).as(x.getMessage()).anySatisfy(p -> assertThat(p.path()).isEqualTo(readerPath));
        } else {
            read(kind, bytes); // the schema is stricter here: devplace reads it (a pack matching on an unknown key governs nothing)
        }
    }

    /** Reads a document as devplace does for its kind, checks included. */
    static void read(String kind, byte[] bytes) {
        switch (kind) {
            case "Fleet" -> io.devplace.cli.FleetInput.load("doc.yaml", bytes, RuleBook.bundledOnly(), false);
            case "RulePack" -> RuleBook.parse("doc.yaml", bytes);
            case "Policy" -> io.devplace.fuzz.Hardening.checkPolicy("doc.yaml", bytes);
            default -> PlanReader.parse("doc.yaml", bytes);
        }
    }

    @Test
    void planSchemaRejectsAMalformedPlanAtItsPointers() throws IOException {
        ObjectMapper m = new ObjectMapper();
        var plan = (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(Hardening.smallPlanJson());
        ((com.fasterxml.jackson.databind.node.ObjectNode) plan.at("/moves/0")).put("mode", "teleport");
        ((com.fasterxml.jackson.databind.node.ObjectNode) plan.at("/actions/0")).remove("uuid");
        ((com.fasterxml.jackson.databind.node.ObjectNode) plan.at("/actions/2")).put("parent", "p0"); // a migrate has no parent
        ((com.fasterxml.jackson.databind.node.ObjectNode) plan.at("/unplaced/0/reasons/0")).put("code", "NO_ROOM");
        ((com.fasterxml.jackson.databind.node.ObjectNode) plan.at("/summary")).put("fleetDigest", "md5:1234");
        List<Error> errors = Schemas.validate("Plan", plan);
        List<String> where = errors.stream().map(e -> pointer(e) + " " + e.getKeyword()).toList();
        assertThat(where).as(describe(errors)).contains("/moves/0/mode enum", "/actions/0/uuid required", "/actions/2/parent propertyNames",
                "/unplaced/0/reasons/0/code enum", "/summary/fleetDigest pattern");
    }

    // ---------------------------------------------------------------- the schemas and the code agree

    static List<String> enumOf(JsonNode schema, String pointer) {
        List<String> out = new ArrayList<>();
        schema.at(pointer).forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void enumerationsAreTheCodes() throws IOException {
        JsonNode fleet = schemaDoc("Fleet"), policy = schemaDoc("Policy"), plan = schemaDoc("Plan"), pack = schemaDoc("RulePack");
        assertThat(enumOf(fleet, "/$defs/host/properties/state/enum")).isEqualTo(Arrays.stream(HostState.values()).map(HostState::wire).toList());
        assertThat(enumOf(plan, "/$defs/move/properties/mode/enum")).isEqualTo(Arrays.stream(MoveMode.values()).map(MoveMode::wire).toList());
        assertThat(enumOf(plan, "/$defs/action/properties/mode/enum")).isEqualTo(Arrays.stream(MoveMode.values()).map(MoveMode::wire).toList());
        assertThat(enumOf(policy, "/properties/weights/propertyNames/enum")).containsExactlyInAnyOrderElementsOf(EvacuationConstraints.IDS);
        List<String> codes = new ArrayList<>();
        for (var f : Reason.class.getFields()) if (f.getType() == String.class) codes.add(f.getName());
        assertThat(enumOf(plan, "/$defs/reason/properties/code/enum")).containsExactlyInAnyOrderElementsOf(codes);
        assertThat(enumOf(plan, "/$defs/action/properties/op/enum")).containsExactlyInAnyOrder("create-mdev", "remove-mdev", "migrate");
        assertThat(enumOf(pack, "/properties/capacity/properties/exclusive/enum")).containsExactlyInAnyOrder("type", "none");
        // every record component is a schema property (and nothing else is)
        assertThat(names(fleet.at("/$defs/host/properties"))).isEqualTo(components(Host.class));
        assertThat(names(fleet.at("/$defs/parent/properties"))).isEqualTo(components(ParentDevice.class));
        assertThat(names(fleet.at("/$defs/mdev/properties"))).isEqualTo(components(Mdev.class));
        assertThat(names(fleet.at("/$defs/vm/properties"))).isEqualTo(components(Vm.class));
        assertThat(names(fleet.at("/$defs/supportedType/properties"))).isEqualTo(components(SupportedType.class));
        assertThat(names(policy.at("/properties"))).isEqualTo(components(Policy.class));
        assertThat(names(pack.at("/properties"))).isEqualTo(components(io.devplace.rules.RulePack.class));
        assertThat(names(pack.at("/$defs/type/properties"))).isEqualTo(components(io.devplace.rules.TypeSpec.class));
        assertThat(names(pack.at("/properties/capacity/properties"))).isEqualTo(components(io.devplace.rules.CapacitySpec.class));
        assertThat(names(pack.at("/properties/migration/properties"))).isEqualTo(components(io.devplace.rules.MigrationSpec.class));
        assertThat(enumOf(pack, "/properties/identifyTypesBy/enum")).containsExactlyInAnyOrder("id", "name");
        assertThat(names(pack.at("/properties/capacity/properties"))).isEqualTo(components(io.devplace.rules.CapacitySpec.class));
        assertThat(names(pack.at("/properties/migration/properties"))).isEqualTo(components(io.devplace.rules.MigrationSpec.class));
        assertThat(enumOf(pack, "/properties/identifyTypesBy/enum")).containsExactlyInAnyOrder("id", "name");
        assertThat(names(plan.at("/properties"))).isEqualTo(components(Plan.class));
        assertThat(names(plan.at("/$defs/move/properties"))).isEqualTo(components(Plan.Move.class));
        assertThat(names(plan.at("/$defs/action/properties"))).isEqualTo(components(Plan.Action.class));
        assertThat(names(plan.at("/$defs/summary/properties"))).isEqualTo(components(Plan.Summary.class));
    }

    @Test
    void sharedDefinitionsAreIdenticalInEverySchema() throws IOException {
        JsonNode fleet = schemaDoc("Fleet"), policy = schemaDoc("Policy"), plan = schemaDoc("Plan"), pack = schemaDoc("RulePack");
        // each schema is self-contained for editors; the copies must not drift apart
        assertThat(pack.at("/$defs/descriptor")).isEqualTo(fleet.at("/$defs/descriptor"));
        assertThat(pack.at("/$defs/compatibleEntry")).isEqualTo(fleet.at("/$defs/compatibleEntry"));
        assertThat(plan.at("/$defs/policy/properties")).isEqualTo(policy.at("/properties"));
        for (String def : List.of("count", "uuid", "attrs")) {
            if (!plan.at("/$defs/" + def).isMissingNode()) assertThat(plan.at("/$defs/" + def)).isEqualTo(fleet.at("/$defs/" + def));
            if (!pack.at("/$defs/" + def).isMissingNode()) assertThat(pack.at("/$defs/" + def)).isEqualTo(fleet.at("/$defs/" + def));
        }
    }

    static List<String> names(JsonNode properties) {
        List<String> out = new ArrayList<>();
        properties.fieldNames().forEachRemaining(out::add);
        return out;
    }

    static List<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName).toList();
    }
}
