package io.devplace.whatif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code devplace whatif} end to end through the CLI: exit codes, formats, the report's exact shape, atomic --out. */
class WhatifCommandTest {
    @TempDir
    static Path dir;
    static Path fleet, feasible, infeasible;

    @BeforeAll
    static void files() {
        fleet = Fixtures.write(dir, "fleet.yaml", ScenarioKeysTest.FLEET);
        feasible = Fixtures.write(dir, "ok.yaml", """
                apiVersion: devplace/v1
                kind: WhatIf
                scenarios:
                  - name: drain-c
                    drain: {names: [c]}
                  - name: sweep
                    eachHostDown: true
                """);
        infeasible = Fixtures.write(dir, "bad.yaml", """
                apiVersion: devplace/v1
                kind: WhatIf
                scenarios:
                  - name: drain-c
                    drain: {names: [c]}
                  - name: too-many
                    add: [{count: 9, vm: {cpus: 1, memoryMiB: 1024, devices: [{type: nvidia-715}]}}]
                """);
    }

    static Fixtures.Run whatif(Path scenarios, String... more) {
        List<String> args = new ArrayList<>(List.of("whatif", "-f", fleet.toString(), "-s", scenarios.toString(), "--time-limit", "2s", "--seed", "5"));
        args.addAll(List.of(more));
        return Fixtures.cli(args.toArray(String[]::new));
    }

    @Test
    void feasibleScenariosExit0AndTheJsonHasExactlyTheContractFields() throws Exception {
        Fixtures.Run r = whatif(feasible, "-o", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(names(root)).containsExactly("apiVersion", "kind", "base", "scenarios");
        assertThat(root.get("apiVersion").asText()).isEqualTo("devplace/v1");
        assertThat(root.get("kind").asText()).isEqualTo("WhatIfReport");
        assertThat(names(root.get("base"))).containsExactly("headroom", "immobile");
        assertThat(root.get("scenarios")).hasSize(2);
        for (JsonNode s : root.get("scenarios"))
            assertThat(names(s)).containsExactly("name", "feasible", "placed", "unplaced", "moves", "unplacedVms", "headroom",
                    "templateHeadroom", "immobile", "failures");
        JsonNode drain = root.get("scenarios").get(0);
        assertThat(drain.get("name").asText()).isEqualTo("drain-c");
        assertThat(drain.get("feasible").asBoolean()).isTrue();
        assertThat(drain.get("moves").asLong()).isEqualTo(1);
        assertThat(drain.get("failures").isNull()).isTrue();
        JsonNode sweep = root.get("scenarios").get(1);
        assertThat(sweep.get("placed").isNull()).isTrue();
        assertThat(sweep.get("moves").isNull()).isTrue();
        assertThat(sweep.get("immobile").isNull()).isTrue();
        assertThat(sweep.get("failures")).hasSize(3);
        assertThat(names(sweep.get("failures").get(0))).containsExactly("host", "unplaced", "unplacedVms");
        assertThat(r.err()).contains("solve(s) in");
    }

    @Test
    void anInfeasibleScenarioExits3AndStillPrintsTheReport() throws Exception {
        Fixtures.Run r = whatif(infeasible, "-o", "json");
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        JsonNode s = new ObjectMapper().readTree(r.out()).get("scenarios").get(1);
        assertThat(s.get("feasible").asBoolean()).isFalse();
        assertThat(s.get("unplaced").asLong()).isEqualTo(5); // 4 free GPUs for 9 16Q VMs
        JsonNode u = s.get("unplacedVms").get(0);
        assertThat(names(u)).containsExactly("vm", "reasons");
        assertThat(u.get("reasons").get(0).get("code").asText()).isIn("TYPE_LOCKED", "INSUFFICIENT_DEVICE_CAPACITY");
        JsonNode t = s.get("templateHeadroom").get(0);
        assertThat(names(t)).containsExactly("template", "fits", "bound");
        assertThat(t.get("fits").asLong()).isZero();
        assertThat(t.get("bound").asText()).isEqualTo("exact");
    }

    @Test
    void yamlAndTableFormats() throws Exception {
        Fixtures.Run y = whatif(feasible, "-o", "yaml");
        assertThat(y.code()).isZero();
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(y.out());
        assertThat(root.get("kind").asText()).isEqualTo("WhatIfReport");
        assertThat(root.get("scenarios").get(1).get("failures")).hasSize(3);
        Fixtures.Run t = whatif(infeasible, "-o", "table");
        assertThat(t.code()).isEqualTo(3);
        assertThat(t.out()).contains("SCENARIO").contains("too-many").contains("NO").contains("nvidia-713").contains("template 0: 0 more fit");
    }

    @Test
    void htmlGoesToOutAtomically() throws Exception {
        Path out = dir.resolve("report.html");
        Files.writeString(out, "old");
        Fixtures.Run r = whatif(infeasible, "-o", "html", "--out", out.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        String html = Files.readString(out);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("too-many").endsWith("</html>\n");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void usageErrorsExit2() {
        assertThat(whatif(feasible, "-o", "pdf").code()).isEqualTo(2);
        assertThat(Fixtures.cli("whatif", "-f", fleet.toString()).code()).isEqualTo(2);
        assertThat(Fixtures.cli("whatif", "-f", fleet.toString(), "-s", feasible.toString(), "--time-limit", "soon").code()).isEqualTo(2); // a malformed option value is a usage error
    }

    @Test
    void theExampleScenariosRunOnTheExampleFleet() throws Exception {
        Fixtures.Run r = Fixtures.cli("whatif", "-f", Fixtures.example("fleet.yaml").toString(), "-s", Fixtures.example("scenarios.yaml").toString(),
                "-o", "json", "--time-limit", "2s", "--seed", "1");
        assertThat(r.code()).as(r.err()).isEqualTo(3); // losing rack r1 strands VMs, and so does losing lab-1
        JsonNode root = new ObjectMapper().readTree(r.out());
        List<String> names = new ArrayList<>();
        root.get("scenarios").forEach(s -> names.add(s.get("name").asText()));
        assertThat(names).containsExactly("lose-rack-1", "maintain-gpu-a2", "grow-a16-4q", "upgrade-rack-2-to-vgpu-18", "n-plus-1");
        JsonNode grow = root.get("scenarios").get(2);
        assertThat(grow.get("feasible").asBoolean()).isTrue();
        assertThat(grow.get("headroom").get("nvidia-713").asLong()).isEqualTo(root.get("base").get("headroom").get("nvidia-713").asLong() - 4);
        JsonNode upgrade = root.get("scenarios").get(3);
        List<String> immobile = new ArrayList<>();
        upgrade.get("immobile").forEach(v -> immobile.add(v.asText()));
        assertThat(immobile).contains("render-1", "train-1", "sim-1", "sim-9").doesNotContain("kiosk-1", "web-1", "thin-1");
        assertThat(root.get("scenarios").get(4).get("failures")).hasSize(10);
    }

    static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
