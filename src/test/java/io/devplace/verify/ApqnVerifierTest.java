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

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verifier's own check of vfio-ap queue exclusivity: a hand-edited plan that re-creates an mdev on a matrix where
 * another mdev holds one of its APQNs is refused, and so is one that drops an assignment on a cold move.
 */
class ApqnVerifierTest {
    static final String A1 = "00000000-0000-4000-8000-000000000001", A2 = "00000000-0000-4000-8000-000000000002",
            HELD = "00000000-0000-4000-8000-000000000004";
    static final String FLEET = """
            apiVersion: devplace/v1
            kind: Fleet
            hosts:
              - {name: src1, cpus: 16, memoryMiB: 65536, devices: [{id: matrix, driver: vfio_ap, mdevs: [
                  {uuid: "%1$s", type: vfio_ap-passthrough, attrs: [{assign_adapter: "5"}, {assign_domain: "4"}]},
                  {uuid: "%2$s", type: vfio_ap-passthrough, attrs: [{assign_adapter: "6"}, {assign_domain: "4"}, {assign_domain: "0x47"}]}]}]}
              - {name: dst, cpus: 16, memoryMiB: 65536, devices: [{id: matrix, driver: vfio_ap, mdevs: [
                  {uuid: "%3$s", type: vfio_ap-passthrough, attrs: [{assign_adapter: "0x05"}, {assign_domain: "4"}, {assign_domain: "5"}]}]}]}
            vms:
              - {name: a1, host: src1, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%1$s"}]}
              - {name: a2, host: src1, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%2$s"}]}
              - {name: stay, host: dst, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%3$s"}]}
            """.formatted(A1, A2, HELD);
    static Fleet fleet;
    static RuleBook rules;
    static JsonNode good;

    @BeforeAll
    static void planOnce() throws Exception {
        fleet = FleetReader.parse("fleet.yaml", FLEET.getBytes(StandardCharsets.UTF_8)).value();
        rules = RuleBook.bundledOnly();
        Policy cold = Policy.defaults().withTimeLimit("2s");
        cold = new Policy(cold.apiVersion(), cold.kind(), cold.maxParallel(), cold.maxPerHost(), cold.bandwidthMiBps(), true,
                cold.allowRebalance(), cold.removeFreeMdevs(), cold.maxDowntimeMs(), cold.spread(), cold.antiAffinity(), cold.timeLimit(), cold.weights());
        Plan p = EvacuationPlanner.plan(new FleetView(fleet, rules), new PlanRequest(List.of("src1"), cold), 3L, null, "sha256:x");
        good = Output.JSON.readTree(Output.json(p));
    }

    private static List<String> verify(Consumer<ObjectNode> tamper) {
        ObjectNode copy = good.deepCopy();
        tamper.accept(copy);
        Plan p = Documents.bind(copy, Plan.class, new Locations("plan.json"));
        return PlanVerifier.verify(fleet, rules, p).list();
    }

    @Test
    void thePlannersPlanLeavesTheVmWhoseApqnIsHeldUnplacedAndPasses() {
        assertThat(good.get("unplaced").get(0).get("vm").asText()).isEqualTo("a1");
        assertThat(verify(p -> {})).isEmpty();
    }

    /** a1 moved by hand like a2, with its own attrs (so the move itself is well-formed): its APQN 5.4 is stay's on dst. */
    @Test
    void aHandAddedMoveClaimingAHeldApqnIsRefused() {
        List<String> v = verify(p -> {
            ObjectNode m = ((ObjectNode) p.get("moves").get(0)).deepCopy();
            m.put("vm", "a1");
            ObjectNode d = (ObjectNode) m.get("devices").get(0);
            ((ObjectNode) d.get("source")).put("uuid", A1);
            ObjectNode t = (ObjectNode) d.get("target");
            String fresh = "6f1c2a7e-5b7d-4c1e-9a3b-2d4e6f8a0b1c";
            t.put("uuid", fresh);
            ArrayNode attrs = t.putArray("attrs");
            attrs.addObject().put("assign_adapter", "5");
            attrs.addObject().put("assign_domain", "4");
            ((ArrayNode) p.get("moves")).add(m);
            ArrayNode actions = (ArrayNode) p.get("actions");
            ObjectNode create = ((ObjectNode) actions.get(0).deepCopy()).put("uuid", fresh);
            create.set("attrs", attrs.deepCopy());
            ObjectNode migrate = ((ObjectNode) actions.get(1).deepCopy()).put("vm", "a1");
            ObjectNode remove = ((ObjectNode) actions.get(2).deepCopy()).put("uuid", A1);
            actions.insert(1, create);
            actions.insert(3, migrate);
            actions.add(remove);
            p.putArray("unplaced");
            ((ObjectNode) p.get("summary")).put("placed", 2).put("unplaced", 0).put("migrations", 2);
        });
        assertThat(v).singleElement().asString()
                .contains("dst/matrix over capacity (INSUFFICIENT_DEVICE_CAPACITY")
                .contains("APQN 0x5.0x4").contains("held by mdev " + HELD);
    }

    /** Assignments are sets: dropping domain 0x47 of a2's mdev is not "the same attrs", though the last write is alike. */
    @Test
    void aColdMoveThatDropsAnAssignmentIsRefused() {
        List<String> v = verify(p -> {
            ArrayNode attrs = ((ObjectNode) p.get("moves").get(0).get("devices").get(0).get("target")).putArray("attrs");
            attrs.addObject().put("assign_adapter", "6");
            attrs.addObject().put("assign_domain", "0x47");
        });
        assertThat(v).anyMatch(s -> s.contains("a2: cold move needs the same type and attrs"));
    }

    /** Spelling does not matter: 0x6 / 04 / 0107 are a2's adapter 6 and domains 4 and 71 as the driver reads them. */
    @Test
    void theSameAssignmentsSpelledOtherwiseAreAccepted() {
        List<String> v = verify(p -> {
            ArrayNode attrs = ((ObjectNode) p.get("moves").get(0).get("devices").get(0).get("target")).putArray("attrs");
            attrs.addObject().put("assign_domain", "0107");
            attrs.addObject().put("assign_adapter", "0x6");
            attrs.addObject().put("assign_domain", "04");
        });
        assertThat(v).isEmpty();
    }
}
