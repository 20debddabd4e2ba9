package io.devplace.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import io.devplace.cli.FleetInput;
import io.devplace.fuzz.Hardening;
import io.devplace.fuzz.Schemas;
import io.devplace.model.InvalidInputException;
import io.devplace.problem.FleetView;
import io.devplace.rules.RuleBook;
import io.devplace.whatif.WhatIfReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.devplace.fuzz.Schemas.describe;
import static io.devplace.fuzz.Schemas.pointer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * schemas/whatif.schema.json accepts what {@link WhatIfReader} accepts: the example, every key of docs/reference/whatif.md alone and
 * combined, in YAML and JSON; where a scenarios document is malformed both refuse it at the same place; and a
 * differential fuzz of the example checks that they disagree only where the schema is documented to differ (checks
 * against the fleet, which no schema can make, and the reader's leniency for unquoted scalars and empty values).
 * schemas/whatifreport.schema.json accepts the report {@code whatif -o json} prints.
 */
class WhatIfSchemaTest {
    static final String HEAD = "apiVersion: devplace/v1\nkind: WhatIf\n";
    static final String SCENARIOS = "examples/scenarios.yaml";
    static final ObjectMapper JSON = new ObjectMapper();
    private static FleetView example;

    static synchronized FleetView example() {
        if (example == null) example = FleetInput.load(Hardening.EXAMPLE, Hardening.bytes(Hardening.EXAMPLE), RuleBook.bundledOnly(), false).view();
        return example;
    }

    @ParameterizedTest
    @ValueSource(strings = {"WhatIf", "WhatIfReport"})
    void bothSchemasAreDraft2020_12Schemas(String kind) throws IOException {
        JsonNode doc = JSON.readTree(Path.of(Schemas.file(kind)).toFile());
        assertThat(doc.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        List<Error> errors = Schemas.metaSchema().validate(doc);
        assertThat(errors).as(describe(errors)).isEmpty();
        assertThat(doc.at("/properties/kind/const").asText()).isEqualTo(kind);
        assertThat(doc.get("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void sharedDefinitionsAreTheFleetAndPlanOnes() throws IOException {
        JsonNode whatif = JSON.readTree(Path.of(Schemas.file("WhatIf")).toFile()), report = JSON.readTree(Path.of(Schemas.file("WhatIfReport")).toFile());
        JsonNode fleet = JSON.readTree(Path.of(Schemas.file("Fleet")).toFile()), plan = JSON.readTree(Path.of(Schemas.file("Plan")).toFile());
        assertThat(whatif.at("/$defs/count")).isEqualTo(fleet.at("/$defs/count"));
        assertThat(whatif.at("/$defs/attrs")).isEqualTo(fleet.at("/$defs/attrs"));
        assertThat(whatif.at("/$defs/vmTemplate/properties/priority")).isEqualTo(fleet.at("/$defs/vm/properties/priority"));
        assertThat(report.at("/$defs/unplaced")).isEqualTo(plan.at("/$defs/unplaced"));
        assertThat(report.at("/$defs/reason")).isEqualTo(plan.at("/$defs/reason"));
        // every record component is a schema property, and nothing else is
        assertThat(names(whatif.at("/properties"))).isEqualTo(components(io.devplace.whatif.WhatIf.class));
        assertThat(names(whatif.at("/$defs/scenario/properties"))).isEqualTo(components(io.devplace.whatif.WhatIf.Scenario.class));
        assertThat(names(whatif.at("/$defs/hosts/properties"))).isEqualTo(components(io.devplace.whatif.WhatIf.HostSelector.class));
        assertThat(names(whatif.at("/$defs/add/properties"))).isEqualTo(components(io.devplace.whatif.WhatIf.AddSpec.class));
        assertThat(names(whatif.at("/$defs/vmTemplate/properties"))).isEqualTo(components(io.devplace.whatif.WhatIf.VmTemplate.class));
        assertThat(names(whatif.at("/$defs/deviceTemplate/properties"))).isEqualTo(components(io.devplace.whatif.WhatIf.DeviceTemplate.class));
        assertThat(names(whatif.at("/$defs/set/properties"))).isEqualTo(components(io.devplace.whatif.WhatIf.SetSpec.class));
        assertThat(names(report.at("/properties"))).isEqualTo(components(io.devplace.whatif.WhatIfReport.class));
        assertThat(names(report.at("/$defs/scenario/properties"))).isEqualTo(components(io.devplace.whatif.WhatIfReport.ScenarioResult.class));
        assertThat(whatif.at("/$defs/add/properties/count/maximum").asLong()).isEqualTo(WhatIfReader.MAX_ADDED_PER_SCENARIO);
    }

    // ---------------------------------------------------------------- valid documents

    /** The example, then each key of docs/reference/whatif.md (the reference's own example included), alone and combined. */
    static Stream<Arguments> valid() {
        List<Arguments> out = new ArrayList<>();
        out.add(arguments(SCENARIOS, Hardening.text(SCENARIOS)));
        String[] bodies = {
                // docs/reference/whatif.md, with the example fleet's racks and types
                """
                scenarios:
                  - name: lose-rack-1
                    down: {labels: {rack: r1}}
                  - name: maintain-rack-2
                    drain: {labels: {rack: r2}}
                  - name: n-plus-1
                    eachHostDown: true
                  - name: n-plus-rack
                    eachLabelDown: rack
                  - name: growth
                    add: [{count: 40, vm: {cpus: 8, memoryMiB: 32768, devices: [{type: nvidia-713}]}}]
                  - name: upgrade-half
                    set: {hosts: {labels: {rack: r2}}, attributes: {vgpu_manager: "18.0"}}
                """,
                "scenarios: [{name: as-is}]",
                "scenarios: [{name: x, eachHostDown: false}]",
                "scenarios: [{name: x, down: {names: [gpu-a1, gpu-a2]}, drain: {names: [gvt-1]}}]",
                "scenarios: [{name: x, drain: {names: [gpu-a1], labels: {}}}]", // empty labels beside names: names select
                "scenarios: [{name: x, down: {names: [], labels: {rack: r1}}}]",
                "scenarios: [{name: x, add: []}]",
                "scenarios: [{name: x, add: [{count: 0, vm: {}}]}]",
                "scenarios: [{name: x, add: [{count: 10000, vm: {cpus: 0, memoryMiB: 0, priority: -5, devices: []}}]}]",
                "scenarios: [{name: x, add: [{count: 2, vm: {priority: 9223372036854775807, devices: [{type: i915-GVTg_V5_8, attrs: [{aggregator: \"2\"}]}]}}]}]",
                "scenarios: [{name: x, add: [{count: 3, vm: {cpus: 4, devices: [{type: nvidia-713}, {type: nvidia-713, attrs: []}]}}, {count: 1, vm: {}}]}]",
                "scenarios: [{name: x, set: {hosts: {names: [gpu-a1]}, attributes: {vgpu_manager: \"18.0\", libvirt: \"\"}}}]",
                "scenarios: [{name: all, set: {hosts: {labels: {rack: r2}}, attributes: {a: b}}, eachHostDown: true, add: [{count: 1, vm: {}}]}]",
                "scenarios: [{name: \"x y\"}, {name: \"é\"}]"};
        for (String b : bodies) out.add(arguments(b.lines().findFirst().orElse(b), HEAD + b));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validDocumentsAreValidForBothInYamlAndJson(String name, String yaml) throws IOException {
        byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
        List<Error> errors = Schemas.validate("WhatIf", "s.yaml", bytes);
        assertThat(errors).as(describe(errors)).isEmpty();
        WhatIfReader.parse("s.yaml", bytes, example());
        byte[] json = JSON.writeValueAsBytes(Schemas.tree("s.yaml", bytes)); // the same document as another tool writes it
        assertThat(Schemas.validate("WhatIf", "s.json", json)).isEmpty();
        WhatIfReader.parse("s.json", json, example());
    }

    // ---------------------------------------------------------------- invalid documents

    /** Document body, JSON pointer and keyword the schema reports, path the reader reports (null: the other one accepts). */
    static Stream<Arguments> invalid() {
        return Stream.of(
                // structural: both refuse, at the same place
                arguments("scenarios: [{name: x, dwn: {names: [gpu-a1]}}]", "/scenarios/0/dwn", "additionalProperties", "scenarios[0].dwn"),
                arguments("scenarios: [{name: x, down: {names: [gpu-a1], rack: r1}}]", "/scenarios/0/down/rack", "additionalProperties", "scenarios[0].down.rack"),
                arguments("scenarios: [{name: x, drain: {names: [gpu-a1], labels: {rack: r1}}}]", "/scenarios/0/drain", "oneOf", "scenarios[0].drain"),
                arguments("scenarios: [{name: x, down: {}}]", "/scenarios/0/down", "oneOf", "scenarios[0].down"),
                arguments("scenarios: [{name: x, down: {names: []}}]", "/scenarios/0/down", "oneOf", "scenarios[0].down"),
                arguments("scenarios: [{name: x, down: [gpu-a1]}]", "/scenarios/0/down", "type", "scenarios[0].down"),
                arguments("scenarios: [{name: x, down: {names: gpu-a1}}]", "/scenarios/0/down/names", "type", "scenarios[0].down.names"),
                arguments("scenarios: [{name: x, down: {labels: {rack: [r1]}}}]", "/scenarios/0/down/labels/rack", "type", "scenarios[0].down.labels.rack"),
                arguments("scenarios: [{name: x, add: [{count: -1, vm: {cpus: 1}}]}]", "/scenarios/0/add/0/count", "minimum", "scenarios[0].add[0].count"),
                arguments("scenarios: [{name: x, add: [{count: 1.5, vm: {cpus: 1}}]}]", "/scenarios/0/add/0/count", "type", "scenarios[0].add[0].count"),
                arguments("scenarios: [{name: x, add: [{count: \"2\", vm: {}}]}]", "/scenarios/0/add/0/count", "type", "scenarios[0].add[0].count"),
                arguments("scenarios: [{name: x, add: [{count: 9223372036854775808, vm: {}}]}]", "/scenarios/0/add/0/count", "maximum", "scenarios[0].add[0].count"),
                arguments("scenarios: [{name: x, add: [{count: 10001, vm: {}}]}]", "/scenarios/0/add/0/count", "maximum", "scenarios[0].add"),
                arguments("scenarios: [{name: x, add: [{vm: {cpus: 1}}]}]", "/scenarios/0/add/0/count", "required", "scenarios[0].add[0].count"),
                arguments("scenarios: [{name: x, add: [{count: 1}]}]", "/scenarios/0/add/0/vm", "required", "scenarios[0].add[0].vm"),
                arguments("scenarios: [{name: x, add: {count: 1, vm: {}}}]", "/scenarios/0/add", "type", "scenarios[0].add"),
                arguments("scenarios: [{name: x, add: [{count: 1, vm: {cpus: -2}}]}]", "/scenarios/0/add/0/vm/cpus", "minimum", "scenarios[0].add[0].vm.cpus"),
                arguments("scenarios: [{name: x, add: [{count: 1, vm: {memoryMiB: -1}}]}]", "/scenarios/0/add/0/vm/memoryMiB", "minimum", "scenarios[0].add[0].vm.memoryMiB"),
                arguments("scenarios: [{name: x, add: [{count: 1, vm: {gpus: 1}}]}]", "/scenarios/0/add/0/vm/gpus", "additionalProperties", "scenarios[0].add[0].vm.gpus"),
                arguments("scenarios: [{name: x, add: [{count: 1, vm: {devices: [{attrs: []}]}}]}]", "/scenarios/0/add/0/vm/devices/0/type", "required",
                        "scenarios[0].add[0].vm.devices[0].type"),
                arguments("scenarios: [{name: x, add: [{count: 1, vm: {devices: [{type: \" \"}]}}]}]", "/scenarios/0/add/0/vm/devices/0/type", "pattern",
                        "scenarios[0].add[0].vm.devices[0].type"),
                arguments("scenarios: [{name: x, add: [{count: 1, vm: {devices: [{type: nvidia-713, attrs: [{a: \"1\", b: \"2\"}]}]}}]}]",
                        "/scenarios/0/add/0/vm/devices/0/attrs/0", "maxProperties", "scenarios[0].add[0].vm.devices[0].attrs[0]"),
                arguments("scenarios: [{name: x, add: [{count: 1, vm: {devices: [{type: nvidia-713, attrs: [{}]}]}}]}]",
                        "/scenarios/0/add/0/vm/devices/0/attrs/0", "minProperties", "scenarios[0].add[0].vm.devices[0].attrs[0]"),
                arguments("scenarios: [{name: x, eachHostDown: 3}]", "/scenarios/0/eachHostDown", "type", "scenarios[0].eachHostDown"),
                arguments("scenarios: [{name: x, eachHostDown: \"yes\"}]", "/scenarios/0/eachHostDown", "type", "scenarios[0].eachHostDown"),
                arguments("scenarios: [{name: x, set: {hosts: {names: [gpu-a1]}}}]", "/scenarios/0/set/attributes", "required", "scenarios[0].set.attributes"),
                arguments("scenarios: [{name: x, set: {hosts: {names: [gpu-a1]}, attributes: {}}}]", "/scenarios/0/set/attributes", "minProperties",
                        "scenarios[0].set.attributes"),
                arguments("scenarios: [{name: x, set: {attributes: {v: \"1\"}}}]", "/scenarios/0/set/hosts", "required", "scenarios[0].set.hosts"),
                arguments("scenarios: [{name: x, set: {hosts: {names: [gpu-a1]}, attributes: {v: {w: x}}}}]", "/scenarios/0/set/attributes/v", "type",
                        "scenarios[0].set.attributes.v"),
                arguments("scenarios: [{down: {names: [gpu-a1]}}]", "/scenarios/0/name", "required", "scenarios[0].name"),
                arguments("scenarios: [{name: \"  \"}]", "/scenarios/0/name", "pattern", "scenarios[0].name"),
                arguments("scenarios: [{name: [x]}]", "/scenarios/0/name", "type", "scenarios[0].name"),
                arguments("scenarios: []", "/scenarios", "minItems", "scenarios"),
                arguments("scenarios: {name: x}", "/scenarios", "type", "scenarios"),
                arguments("scenarios: [x]", "/scenarios/0", "type", "scenarios[0]"),
                arguments("", "/scenarios", "required", "scenarios"),
                arguments("scenarios: [{name: x}]\nextra: 1", "/extra", "additionalProperties", "extra"),
                // beyond the schema: checks against the fleet and across scenarios (the schema accepts, devplace refuses)
                arguments("scenarios: [{name: x, down: {names: [gpu-a1, nope]}}]", null, null, "scenarios[0].down.names[1]"),
                arguments("scenarios: [{name: x, drain: {labels: {rack: r9}}}]", null, null, "scenarios[0].drain.labels"),
                arguments("scenarios: [{name: x, add: [{count: 2, vm: {devices: [{type: nvidia-999}]}}]}]", null, null, "scenarios[0].add[0].vm.devices[0].type"),
                arguments("scenarios: [{name: x}, {name: x}]", null, null, "scenarios[1].name"),
                arguments("scenarios: [{name: x, add: [{count: 6000, vm: {}}, {count: 6000, vm: {}}]}]", null, null, "scenarios[0].add"),
                // the reader's leniency (documented in docs/hardening.md): the schema flags what devplace reads
                arguments("scenarios: [{name: 7}]", "/scenarios/0/name", "type", null),
                arguments("scenarios: [{name: x, set: {hosts: {names: [gpu-a1]}, attributes: {vgpu_manager: 18.0}}}]",
                        "/scenarios/0/set/attributes/vgpu_manager", "type", null),
                arguments("scenarios: [{name: x, add: [{count: 1, vm: {cpus: }}]}]", "/scenarios/0/add/0/vm/cpus", "type", null),
                arguments("scenarios: [{name: x, eachHostDown: }]", "/scenarios/0/eachHostDown", "type", null));
    }

    @ParameterizedTest(name = "[{index}] {1} {2} / {3}")
    @MethodSource("invalid")
    void malformedDocumentsAreRefusedByBothAtTheSamePlace(String body, String pointer, String keyword, String readerPath) {
        byte[] bytes = (HEAD + body + "\n").getBytes(StandardCharsets.UTF_8);
        List<Error> errors = Schemas.validate("WhatIf", Schemas.looseTree("s.yaml", bytes));
        if (pointer == null) {
            assertThat(errors).as("schema errors:%s", describe(errors)).isEmpty();
        } else {
            assertThat(errors).as("schema errors:%s", describe(errors)).anySatisfy(e -> {
                assertThat(pointer(e)).isEqualTo(pointer);
                assertThat(e.getKeyword()).isEqualTo(keyword);
            });
        }
        if (readerPath == null) {
            WhatIfReader.parse("s.yaml", bytes, example());
        } else {
            InvalidInputException x = assertThrows(InvalidInputException.class, () -> WhatIfReader.parse("s.yaml", bytes, example()));
            assertThat(x.problems()).as(x.getMessage()).anySatisfy(p -> assertThat(p.path()).isEqualTo(readerPath));
        }
    }

    // ---------------------------------------------------------------- the report

    @Test
    void theReportWhatifPrintsIsValid() {
        Hardening.Run r = Hardening.devplace("whatif", "-f", Hardening.EXAMPLE, "-s", SCENARIOS, "-o", "json", "--seed", "1", "--time-limit", "2s");
        assertThat(r.code()).as(r.toString()).isIn(0, 3);
        JsonNode report = Schemas.tree("report.json", r.out().getBytes(StandardCharsets.UTF_8));
        // the report exercises every shape: a sweep (nulls and failures), templateHeadroom, unplaced VMs with reasons
        assertThat(report.at("/scenarios/4/failures").size()).isPositive();
        assertThat(report.at("/scenarios/4/placed").isNull()).isTrue();
        assertThat(report.at("/scenarios/2/templateHeadroom/0/bound").asText()).isIn("exact", "lower");
        List<Error> errors = Schemas.validate("WhatIfReport", report);
        assertThat(errors).as(describe(errors)).isEmpty();

        // and the schema is not a rubber stamp: it catches a report that drifted from docs/reference/whatif.md
        var broken = (com.fasterxml.jackson.databind.node.ObjectNode) report.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.at("/scenarios/0")).remove("moves");
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.at("/scenarios/2/templateHeadroom/0")).put("bound", "upper");
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.at("/scenarios/1")).put("feasible", "yes");
        List<String> where = Schemas.validate("WhatIfReport", broken).stream().map(e -> pointer(e) + " " + e.getKeyword()).toList();
        assertThat(where).contains("/scenarios/0/moves required", "/scenarios/2/templateHeadroom/0/bound enum", "/scenarios/1/feasible type");
    }

    @Test
    void aRackSweepReportIsValidAndItsFailuresHaveTheLabelShape() throws IOException {
        Path scenarios = java.nio.file.Files.createTempFile("rack-sweep", ".yaml");
        try {
            java.nio.file.Files.writeString(scenarios, HEAD + "scenarios:\n  - {name: n-plus-rack, eachLabelDown: rack}\n");
            Hardening.Run r = Hardening.devplace("whatif", "-f", Hardening.EXAMPLE, "-s", scenarios.toString(), "-o", "json", "--seed", "1",
                    "--time-limit", "2s");
            assertThat(r.code()).as(r.toString()).isIn(0, 3);
            JsonNode report = Schemas.tree("report.json", r.out().getBytes(StandardCharsets.UTF_8));
            assertThat(report.at("/scenarios/0/failures/0/value").asText()).isEqualTo("r1");
            List<Error> errors = Schemas.validate("WhatIfReport", report);
            assertThat(errors).as(describe(errors)).isEmpty();
            // a failure with both shapes' keys, or a label failure without its hosts, is not a failure of either sweep
            var broken = (com.fasterxml.jackson.databind.node.ObjectNode) report.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) broken.at("/scenarios/0/failures/0")).put("host", "gpu-a1");
            ((com.fasterxml.jackson.databind.node.ObjectNode) broken.at("/scenarios/0/failures/1")).remove("hosts");
            List<String> where = Schemas.validate("WhatIfReport", broken).stream().map(e -> pointer(e)).toList();
            assertThat(where).contains("/scenarios/0/failures/0", "/scenarios/0/failures/1");
        } finally {
            java.nio.file.Files.deleteIfExists(scenarios);
        }
    }

    static List<String> names(JsonNode properties) {
        List<String> out = new ArrayList<>();
        properties.fieldNames().forEachRemaining(out::add);
        return out;
    }

    static List<String> components(Class<?> record) {
        return java.util.Arrays.stream(record.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName).toList();
    }
}
