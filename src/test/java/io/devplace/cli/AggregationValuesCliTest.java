package io.devplace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Aggregation values end to end (docs/reference/rulepack.md, Aggregation), with the example GVT-g pack whose types
 * V5_2, V5_4 and V5_8 aggregate by {@code aggregator} (max 2, 4, 8) and V5_1 declares no aggregation: an existing
 * mdev the driver could not have created is invalid input for every command that reads the fleet (exit 4, naming the
 * file, the write's path and the values allowed); valid ones plan, and restarted VMs get the same, valid, attrs; the
 * verifier rejects a plan that creates an instance outside its type's range (exit 5).
 */
class AggregationValuesCliTest {
    static final String RULES = "examples/rules";

    @TempDir
    Path dir;

    /** {@code g1} (state {@code %1$s}) holds {@code vm-1}'s mdev of type {@code %2$s} with attrs {@code %3$s}; {@code g2} is an empty GPU. */
    private static final String FLEET = """
            apiVersion: devplace/v1
            kind: Fleet
            hosts:
              - name: g1
                cpus: 32
                memoryMiB: 65536
                state: %1$s
                devices:
                  - id: "0000:00:02.0"
                    driver: i915
                    model: "Intel UHD 630"
                    attributes: {gvt_version: "5.4"}
                    mdevs:
                      - uuid: "11111111-1111-4111-8111-111111111111"
                        type: %2$s
                        attrs: %3$s
              - name: g2
                cpus: 32
                memoryMiB: 65536
                devices:
                  - id: "0000:00:02.0"
                    driver: i915
                    model: "Intel UHD 630"
                    attributes: {gvt_version: "5.4"}
            vms:
              - name: vm-1
                host: g1
                cpus: 2
                memoryMiB: 2048
                devices: [{mdev: "11111111-1111-4111-8111-111111111111"}]
            """;

    private Path fleet(String state, String type, String attrs) throws IOException {
        return Files.writeString(dir.resolve("fleet.yaml"), FLEET.formatted(state, type, attrs));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            i915-GVTg_V5_1 | [{aggregator: "2"}]                    | attrs[0].aggregator (line 16 | expected aggregator 1 on type i915-GVTg_V5_1, which declares no aggregation | but got "2"
            i915-GVTg_V5_8 | [{aggregator: "9"}]                    | attrs[0].aggregator (line 16 | expected aggregator from 1 to 8 on type i915-GVTg_V5_8 (pack intel-gvtg) | but got "9"
            i915-GVTg_V5_8 | [{aggregator: "0"}]                    | attrs[0].aggregator (line 16 | expected aggregator from 1 to 8 on type i915-GVTg_V5_8 (pack intel-gvtg) | but got "0"
            i915-GVTg_V5_2 | [{aggregator: "4"}]                    | attrs[0].aggregator (line 16 | expected aggregator from 1 to 2 on type i915-GVTg_V5_2 (pack intel-gvtg) | but got "4"
            i915-GVTg_V5_8 | [{aggregator: "two"}]                  | attrs[0].aggregator (line 16 | expected aggregator from 1 to 8 | but got "two"
            i915-GVTg_V5_8 | [{aggregator: "2"}, {aggregator: "16"}] | attrs[1].aggregator (line 16 | expected aggregator from 1 to 8 | but got "16"
            """)
    void anExistingMdevWithAnAggregationValueItsTypeDoesNotAllowIsInvalidInput(String type, String attrs, String path,
                                                                             String expected, String got) throws IOException {
        Path f = fleet("active", type, attrs);
        for (String[] cmd : new String[][]{{"validate", "-f", f.toString()}, {"plan", "evacuate", "g1", "-f", f.toString()},
                {"explain", "-f", f.toString(), "--vm", "vm-1"}}) {
            Cli.Result r = Cli.run(append(cmd, "--rules", RULES));
            assertThat(r.code()).as(String.join(" ", cmd) + "\n" + r).isEqualTo(4);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains(f.toString()).contains("hosts[0].devices[0].mdevs[0]." + path).contains(expected).contains(got)
                    .contains("g1 0000:00:02.0 11111111-1111-4111-8111-111111111111");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            i915-GVTg_V5_1 | []
            i915-GVTg_V5_1 | [{aggregator: "1"}]
            i915-GVTg_V5_1 | [{other: "7"}]
            i915-GVTg_V5_8 | [{aggregator: "8"}]
            i915-GVTg_V5_2 | [{aggregator: "2"}]
            """)
    void valuesInRangeAreValid(String type, String attrs) throws IOException {
        Cli.Result r = Cli.run("validate", "-f", fleet("active", type, attrs).toString(), "--rules", RULES);
        assertThat(r.code()).as(r.toString()).isZero();
    }

    /** The bundled GVT-g pack declares no aggregation: there {@code aggregator} is an attribute like any other. */
    @Test
    void withoutAPackThatAggregatesTheAttributeIsFree() throws IOException {
        Cli.Result r = Cli.run("validate", "-f", fleet("active", "i915-GVTg_V5_1", "[{aggregator: \"2\"}]").toString());
        assertThat(r.code()).as(r.toString()).isZero();
    }

    /** A restarted VM gets the same type and attrs on its new host: a valid aggregated instance, never another value. */
    @Test
    void aRestartRecreatesTheSameValidAggregation() throws IOException {
        Path f = fleet("down", "i915-GVTg_V5_8", "[{aggregator: \"8\"}]");
        Path plan = dir.resolve("plan.json");
        Cli.Result r = Cli.run("plan", "evacuate", "g1", "-f", f.toString(), "--rules", RULES, "--seed", "1", "--time-limit", "5s",
                "-o", "json", "--out", plan.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode t = Cli.parseJson(Files.readString(plan)).at("/moves/0/devices/0/target");
        assertThat(t.get("type").asText()).isEqualTo("i915-GVTg_V5_8");
        assertThat(t.get("attrs").toString()).isEqualTo("[{\"aggregator\":\"8\"}]");
        assertThat(Cli.run("verify", "-f", f.toString(), "--rules", RULES, plan.toString()).code()).isZero();
    }

    /** The example packs, plus one before them that governs a GPU of model "Narrow" and caps V5_8 at 4. */
    private Path narrowRules() throws IOException {
        Path narrow = Files.createDirectories(dir.resolve("narrow"));
        Files.writeString(narrow.resolve("10-narrow.yaml"), """
                apiVersion: devplace/v1
                kind: RulePack
                name: gvtg-narrow
                match: {driver: i915, attributes.gvt_version: "5.4", id: "0000:00:02.0", model: "Narrow"}
                capacity:
                  counters: {units: 8}
                types:
                  i915-GVTg_V5_8: {deviceApi: vfio-pci, consumes: {units: 1}, aggregation: {attr: aggregator, min: 1, max: 4}}
                """);
        Files.copy(Path.of(RULES, "20-intel-gvtg-aggregation.yaml"), narrow.resolve("20-intel-gvtg-aggregation.yaml"));
        return narrow;
    }

    /** {@code fleet} with g2's GPU (and only it) of model "Narrow", so that {@link #narrowRules} governs it. */
    private Path withNarrowG2(Path fleet) throws IOException {
        String text = Files.readString(fleet);
        int g2 = text.indexOf("- name: g2");
        return Files.writeString(dir.resolve("fleet2.yaml"), text.substring(0, g2) + text.substring(g2).replace("Intel UHD 630", "Narrow"));
    }

    /**
     * A plan whose new instance carries an aggregation value the target's type does not allow fails verification, even
     * where the move's other rules hold: here a restart that copies the source's attrs exactly, onto a parent whose
     * pack caps the type lower than the source's pack.
     */
    @Test
    void theVerifierRejectsANewInstanceOutsideItsTypesRange() throws IOException {
        Path f = fleet("down", "i915-GVTg_V5_8", "[{aggregator: \"8\"}]");
        Path plan = dir.resolve("plan.json");
        Cli.Result r = Cli.run("plan", "evacuate", "g1", "-f", f.toString(), "--rules", RULES, "--seed", "1", "--time-limit", "5s",
                "-o", "json", "--out", plan.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        // the same fleet, but g2's GPU (and only it) governed by a pack that caps V5_8 at 4
        Path narrow = narrowRules();
        Path f2 = withNarrowG2(f);
        Cli.Result v = Cli.run("verify", "-f", f2.toString(), "--rules", narrow.toString(), plan.toString());
        assertThat(v.code()).as(v.toString()).isEqualTo(5);
        assertThat(v.out() + v.err()).contains("vm-1: creates i915-GVTg_V5_8 with attrs [{aggregator=8}] on g2 0000:00:02.0, which pack gvtg-narrow"
                + " does not allow: aggregator 8 is outside [1, 4] for that type");
        // the same plan against the fleet it was made for verifies
        assertThat(Cli.run("verify", "-f", f.toString(), "--rules", RULES, plan.toString()).code()).isZero();
    }

    /**
     * The planner never makes the plan above: a restart onto a parent whose pack caps the type below the source's
     * value leaves the VM unplaced (the plan is written, exit 3, and verifies), rather than a copy the driver would refuse.
     */
    @Test
    void aRestartNeverCopiesAValueTheTargetsPackDoesNotAllow() throws IOException {
        Path narrow = narrowRules();
        Path f = withNarrowG2(fleet("down", "i915-GVTg_V5_8", "[{aggregator: \"8\"}]"));
        Path plan = dir.resolve("plan.json");
        Cli.Result r = Cli.run("plan", "evacuate", "g1", "-f", f.toString(), "--rules", narrow.toString(), "--seed", "1",
                "--time-limit", "5s", "-o", "json", "--out", plan.toString());
        assertThat(r.code()).as("a plan with a VM unplaced: " + r).isEqualTo(3);
        JsonNode p = Cli.parseJson(Files.readString(plan));
        assertThat(p.at("/summary/placed").asInt()).isZero();
        assertThat(p.at("/unplaced/0/vm").asText()).isEqualTo("vm-1");
        assertThat(Cli.run("verify", "-f", f.toString(), "--rules", narrow.toString(), plan.toString()).code()).isZero();
    }

    /** A live move whose recipe is edited to an aggregation value outside the target type's range is rejected. */
    @Test
    void theVerifierRejectsAnEditedLiveRecipe() throws IOException {
        Path f = fleet("draining", "i915-GVTg_V5_4", "[]");
        Path plan = dir.resolve("plan.json");
        Cli.Result r = Cli.run("plan", "evacuate", "g1", "-f", f.toString(), "--rules", RULES, "--seed", "1", "--time-limit", "5s",
                "-o", "json", "--out", plan.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        ObjectNode p = (ObjectNode) Cli.parseJson(Files.readString(plan));
        ObjectNode t = (ObjectNode) p.at("/moves/0/devices/0/target");
        String type = t.get("type").asText();
        ArrayNode bad = t.putArray("attrs");
        bad.addObject().put("aggregator", "9");
        for (JsonNode a : p.get("actions"))
            if (a.get("op").asText().equals("create-mdev")) ((ObjectNode) a).putArray("attrs").addObject().put("aggregator", "9");
        Path edited = Files.writeString(dir.resolve("edited.json"), p.toString());
        Cli.Result v = Cli.run("verify", "-f", f.toString(), "--rules", RULES, edited.toString());
        assertThat(v.code()).as(v.toString()).isEqualTo(5);
        assertThat(v.out() + v.err()).contains("vm-1: creates " + type + " with attrs [{aggregator=9}]").contains("aggregator 9 is outside [1, ");
    }

    private static String[] append(String[] a, String... more) {
        String[] out = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, out, a.length, more.length);
        return out;
    }
}
