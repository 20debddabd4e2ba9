package io.devplace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.devplace.model.FleetReader;
import io.devplace.model.MoveMode;
import io.devplace.model.Plan;
import io.devplace.model.Policy;
import io.devplace.problem.FleetView;
import io.devplace.rules.RuleBook;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plan renderings checked against what their readers accept: YAML 1.1 parsers, mdevctl's config format. The exports
 * themselves are pinned byte for byte by the golden cases ({@link GoldenFilesTest}).
 */
class PlanFormatsTest {
    static final String NEW = "9f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b";
    static final String SRC = "3b0c7a6e-0c59-4f0d-9b70-8a3f1d2e4c11";
    static final String FREE = "5b7f0c2e-8d1a-4c3e-9f6b-2a4d8e1c7b90";

    static Plan plan() {
        Plan.Move m1 = new Plan.Move("vm-17", MoveMode.LIVE, "gpu-a1", "gpu-a2", 1, 3577, List.of(new Plan.MoveDevice(
                new Plan.Source("0000:3b:00.0", SRC, "nvidia-713"),
                new Plan.Target("0000:3d:00.0", "nvidia-713", List.of(), NEW, "create", null, "nvidia-a16-same-size#0"))));
        Plan.Move m2 = new Plan.Move("thin-1", MoveMode.LIVE, "gvt-1", "gvt-2", 1, 402, List.of(new Plan.MoveDevice(
                new Plan.Source("0000:00:02.0", "d29dc1c0-fad4-4712-a6a4-38870c5b6271", "i915-GVTg_V5_4"),
                new Plan.Target("0000:00:02.0", "i915-GVTg_V5_8", List.of(Map.of("aggregator", "2")), FREE, "reuse", null, "intel-gvtg#0"))));
        List<Plan.Action> actions = List.of(
                Plan.Action.create(1, "gpu-a2", "0000:3d:00.0", NEW, "nvidia-713", List.of(), null),
                Plan.Action.migrate(1, MoveMode.LIVE, "vm-17", "gpu-a1", "gpu-a2"),
                Plan.Action.migrate(1, MoveMode.LIVE, "thin-1", "gvt-1", "gvt-2"),
                Plan.Action.remove(1, "gpu-a1", "0000:3b:00.0", SRC),
                Plan.Action.remove(1, "gvt-1", "0000:00:02.0", "d29dc1c0-fad4-4712-a6a4-38870c5b6271"));
        return new Plan("devplace/v1", "Plan", new Plan.Request(List.of("gpu-a1"), Policy.defaults()),
                new Plan.Summary(2, 2, 0, 2, 1, 2L, true, "0hard/0medium/-1soft", 1L, "sha256:x"), List.of(m1, m2), actions, List.of());
    }

    static FleetView exampleView() throws Exception {
        return new FleetView(FleetReader.parse("fleet.yaml", Files.readAllBytes(Path.of("examples/fleet.yaml"))).value(), RuleBook.bundledOnly());
    }

    /**
     * docs/reference/plan.md yaml output must read back as the same strings in a YAML 1.1 reader (PyYAML, SnakeYAML): an unquoted
     * PCI id 0000:3b:00.0 is a sexagesimal float there.
     */
    @Test
    @SuppressWarnings("unchecked")
    void yamlPlanKeepsParentIdsStringsForYaml11Readers() throws Exception {
        String yaml = PlanFormats.render(plan(), "yaml", exampleView());
        Map<String, Object> doc = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(
                new org.yaml.snakeyaml.LoaderOptions())).load(yaml);
        List<Map<String, Object>> actions = (List<Map<String, Object>>) doc.get("actions");
        assertThat(actions.get(0).get("parent")).isEqualTo("0000:3d:00.0");
        List<Map<String, Object>> moves = (List<Map<String, Object>>) doc.get("moves");
        Map<String, Object> dev = ((List<Map<String, Object>>) moves.get(0).get("devices")).get(0);
        assertThat(((Map<String, Object>) dev.get("source")).get("parent")).isEqualTo("0000:3b:00.0");
        Map<String, Object> gvt = ((List<Map<String, Object>>) moves.get(1).get("devices")).get(0);
        assertThat(((Map<String, Object>) gvt.get("target")).get("parent")).isEqualTo("0000:00:02.0");
    }

    /** mdevctl's config file format: an object with mdev_type (string), start (auto|manual) and attrs (list of one-key string maps). */
    @Test
    void mdevctlJsonFollowsMdevctlsFormat() throws Exception {
        String sh = PlanFormats.render(plan(), "mdevctl", exampleView());
        Matcher m = Pattern.compile("<<'DEVPLACE_JSON'\n(.*?)\nDEVPLACE_JSON", Pattern.DOTALL).matcher(sh);
        int n = 0;
        while (m.find()) {
            n++;
            JsonNode cfg = Output.JSON.readTree(m.group(1));
            assertThat(cfg.fieldNames()).toIterable().containsExactlyInAnyOrder("mdev_type", "start", "attrs");
            assertThat(cfg.get("mdev_type").isTextual()).isTrue();
            assertThat(cfg.get("start").asText()).isIn("auto", "manual");
            assertThat(cfg.get("attrs").isArray()).isTrue();
            for (JsonNode a : cfg.get("attrs")) {
                assertThat(a.size()).isEqualTo(1);
                assertThat(a.elements().next().isTextual()).isTrue();
            }
        }
        assertThat(n).isEqualTo(1);
        assertThat(sh).contains("mdevctl define --parent 0000:3d:00.0 --uuid " + NEW).contains("mdevctl start --parent 0000:3d:00.0 --uuid " + NEW);
    }
}
