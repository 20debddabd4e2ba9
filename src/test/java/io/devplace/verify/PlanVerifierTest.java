package io.devplace.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devplace.cli.Output;
import io.devplace.model.Documents;
import io.devplace.model.Fleet;
import io.devplace.model.FleetReader;
import io.devplace.model.Locations;
import io.devplace.model.Plan;
import io.devplace.model.Policy;
import io.devplace.planning.EvacuationPlanner;
import io.devplace.problem.FleetView;
import io.devplace.problem.PlanRequest;
import io.devplace.rules.RuleBook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The verifier accepts the planner's plan and names each kind of tampering (docs/reference/plan.md, What the verifier checks). */
class PlanVerifierTest {
    static Fleet fleet;
    static RuleBook rules;
    static JsonNode good;

    @BeforeAll
    static void planOnce() throws Exception {
        fleet = FleetReader.parse("fleet.yaml", Files.readAllBytes(Path.of("examples/fleet.yaml"))).value();
        rules = RuleBook.bundledOnly();
        Plan p = EvacuationPlanner.plan(new FleetView(fleet, rules), new PlanRequest(List.of("gpu-a1", "gvt-1"),
                Policy.defaults().withTimeLimit("10s")), 3L, null, "sha256:x");
        good = Output.JSON.readTree(Output.json(p));
    }

    private static List<String> verify(Consumer<ObjectNode> tamper) {
        ObjectNode copy = good.deepCopy();
        tamper.accept(copy);
        Plan p = Documents.bind(copy, Plan.class, new Locations("plan.json"));
        return PlanVerifier.verify(fleet, rules, p).list();
    }

    private static ObjectNode move(ObjectNode plan, String vm) {
        for (JsonNode m : plan.get("moves")) if (m.get("vm").asText().equals(vm)) return (ObjectNode) m;
        throw new AssertionError(vm);
    }

    private static ObjectNode target(ObjectNode plan, String vm) { return (ObjectNode) move(plan, vm).get("devices").get(0).get("target"); }

    @Test
    void acceptsThePlannersPlan() {
        assertThat(verify(p -> {})).isEmpty();
    }

    @Test
    void targetOnAnIncompatibleHost() {
        assertThat(verify(p -> move(p, "cad-1").put("to", "gpu-a4"))).anyMatch(s -> s.contains("cad-1"));
    }

    @Test
    void wrongDowntime() {
        assertThat(verify(p -> move(p, "cad-1").put("estimatedDowntimeMs", 1))).anyMatch(s -> s.contains("estimatedDowntimeMs"));
    }

    @Test
    void incompatibleTargetType() {
        assertThat(verify(p -> target(p, "render-1").put("type", "nvidia-714"))).anyMatch(s -> s.contains("render-1"));
    }

    @Test
    void evacueeNeitherMovedNorUnplaced() {
        assertThat(verify(p -> {
            ArrayNode moves = (ArrayNode) p.get("moves");
            for (int i = 0; i < moves.size(); i++) if (moves.get(i).get("vm").asText().equals("vdi-1")) { moves.remove(i); break; }
        })).anyMatch(s -> s.contains("vdi-1") && s.contains("neither moved nor listed as unplaced"));
    }

    @Test
    void missingAction() {
        assertThat(verify(p -> ((ArrayNode) p.get("actions")).remove(0))).anyMatch(s -> s.contains("missing action"));
    }

    @Test
    void actionsOutOfOrder() {
        assertThat(verify(p -> {
            ArrayNode a = (ArrayNode) p.get("actions");
            int firstCreate = -1, firstMigrate = -1;
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).get("wave").asInt() != 1) continue;
                if (firstCreate < 0 && a.get(i).get("op").asText().equals("create-mdev")) firstCreate = i;
                if (firstMigrate < 0 && a.get(i).get("op").asText().equals("migrate")) firstMigrate = i;
            }
            JsonNode c = a.get(firstCreate);
            a.set(firstCreate, a.get(firstMigrate));
            a.set(firstMigrate, c);
        })).anyMatch(s -> s.contains("executable order"));
    }

    @Test
    void tooManyMovesInOneWave() {
        assertThat(verify(p -> {
            for (JsonNode m : p.get("moves")) ((ObjectNode) m).put("wave", 1);
            for (JsonNode a : p.get("actions")) ((ObjectNode) a).put("wave", 1);
            ((ObjectNode) p.get("summary")).put("waves", 1);
        })).anyMatch(s -> s.contains("maxParallel"));
    }

    @Test
    void reuseOfAnOwnedMdev() {
        // gpu-a2 0000:3c:00.0 holds cad-9's 8Q mdev: pretend cad-1 reuses it
        String owned = fleet.host("gpu-a2").parent("0000:3c:00.0").mdevs().get(0).uuid();
        assertThat(verify(p -> {
            ObjectNode t = target(p, "cad-1");
            t.put("parent", "0000:3c:00.0");
            t.put("action", "reuse");
            t.put("uuid", owned);
            move(p, "cad-1").put("to", "gpu-a2");
        })).anyMatch(s -> s.contains("owned by cad-9"));
    }

    @Test
    void summaryMustAddUp() {
        assertThat(verify(p -> ((ObjectNode) p.get("summary")).put("placed", 99))).anyMatch(s -> s.contains("summary.placed"));
    }

    @Test
    void placedBoundIsNeverBelowPlacedNorAboveTheVmsToMove() {
        assertThat(verify(p -> ((ObjectNode) p.get("summary")).put("placedBound", p.get("summary").get("placed").asLong() - 1)))
                .anyMatch(s -> s.contains("summary.placedBound") && s.contains("the plan places"));
        assertThat(verify(p -> ((ObjectNode) p.get("summary")).put("placedBound", p.get("summary").get("vms").asLong() + 1)))
                .anyMatch(s -> s.contains("summary.placedBound") && s.contains("hosts being emptied"));
        assertThat(verify(p -> { })).noneMatch(s -> s.contains("placedBound"));
    }

    @Test
    void newUuidMustBeVersion4() {
        assertThat(verify(p -> {
            ObjectNode t = target(p, "render-1");
            String old = t.get("uuid").asText();
            String bad = "00000000-0000-1000-8000-000000000001";
            t.put("uuid", bad);
            for (JsonNode a : p.get("actions")) if (a.has("uuid") && a.get("uuid").asText().equals(old)) ((ObjectNode) a).put("uuid", bad);
        })).anyMatch(s -> s.contains("version-4"));
    }

}
