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
 * another mdev holds one of its APQNs is refused, and so is one that drops an assignment on a cold move; an APQN
 * freed by a VM leaving a matrix may be taken by a later wave, not by the same one.
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
        // the capacity model's verdict, the verifier's own ledger of who holds which APQN, and the plan's bound (it
        // knows a1's APQN is held on the only target, so no plan places both): nothing else is wrong
        assertThat(v).containsExactlyInAnyOrder(
                "wave 1: dst/matrix over capacity (INSUFFICIENT_DEVICE_CAPACITY: APQN 0x5.0x4 (assign_adapter=0x5, assign_domain=0x4) is held by mdev " + HELD + ")",
                "wave 1: a1: new 6f1c2a7e-5b7d-4c1e-9a3b-2d4e6f8a0b1c on dst/matrix claims APQN 0x5.0x4 (assign_adapter=0x5, assign_domain=0x4), held by " + HELD,
                "summary.placedBound is 1 but the plan places 2 of those VMs");
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

    /** mid's b1 holds 5.4 and is evacuated to far; src's a1 holds 5.4 too (mid is where a hand edit sends it). */
    static final String CHAIN = """
            apiVersion: devplace/v1
            kind: Fleet
            hosts:
              - {name: src, cpus: 16, memoryMiB: 65536, devices: [{id: matrix, driver: vfio_ap, mdevs: [
                  {uuid: "%1$s", type: vfio_ap-passthrough, attrs: [{assign_adapter: "5"}, {assign_domain: "4"}]}]}]}
              - {name: mid, cpus: 16, memoryMiB: 65536, devices: [{id: matrix, driver: vfio_ap, mdevs: [
                  {uuid: "%2$s", type: vfio_ap-passthrough, attrs: [{assign_adapter: "5"}, {assign_domain: "4"}]}]}]}
              - {name: far, cpus: 16, memoryMiB: 65536, devices: [{id: matrix, driver: vfio_ap}]}
            vms:
              - {name: a1, host: src, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%1$s"}]}
              - {name: b1, host: mid, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%2$s"}]}
            """.formatted(A1, A2);

    /** b1 leaves mid in wave 1; a1 is sent onto mid's matrix by hand in {@code wave}: the APQN-related violations. */
    static List<String> apqnViolationsWithA1ArrivingInWave(long wave) throws Exception {
        Fleet f = FleetReader.parse("chain.yaml", CHAIN.getBytes(StandardCharsets.UTF_8)).value();
        Policy d = Policy.defaults().withTimeLimit("2s");
        Policy cold = new Policy(d.apiVersion(), d.kind(), d.maxParallel(), d.maxPerHost(), d.bandwidthMiBps(), true,
                d.allowRebalance(), d.removeFreeMdevs(), d.maxDowntimeMs(), d.spread(), d.antiAffinity(), d.timeLimit(), d.weights());
        Plan p = EvacuationPlanner.plan(new FleetView(f, rules), new PlanRequest(List.of("mid"), cold), 3L, null, "sha256:x");
        ObjectNode plan = Output.JSON.readTree(Output.json(p)).deepCopy();
        assertThat(plan.get("moves").get(0).get("vm").asText()).isEqualTo("b1");
        ObjectNode m = ((ObjectNode) plan.get("moves").get(0)).deepCopy();
        m.put("vm", "a1").put("from", "src").put("to", "mid").put("wave", wave);
        ObjectNode dev = (ObjectNode) m.get("devices").get(0);
        ((ObjectNode) dev.get("source")).put("uuid", A1);
        String fresh = "6f1c2a7e-5b7d-4c1e-9a3b-2d4e6f8a0b1c";
        ((ObjectNode) dev.get("target")).put("uuid", fresh);
        ((ArrayNode) plan.get("moves")).add(m);
        ArrayNode actions = (ArrayNode) plan.get("actions");
        actions.addObject().put("wave", wave).put("op", "create-mdev").put("host", "mid").put("parent", "matrix").put("uuid", fresh)
                .put("type", "vfio_ap-passthrough").set("attrs", dev.get("target").get("attrs").deepCopy());
        actions.addObject().put("wave", wave).put("op", "migrate").put("mode", "cold").put("vm", "a1").put("from", "src").put("to", "mid");
        actions.addObject().put("wave", wave).put("op", "remove-mdev").put("host", "src").put("parent", "matrix").put("uuid", A1);
        Plan edited = Documents.bind(plan, Plan.class, new Locations("plan.json"));
        return PlanVerifier.verify(f, rules, edited).list().stream().filter(s -> s.contains("APQN")).toList();
    }

    @Test
    void anApqnFreedByAVmLeavingIsFreeFromTheNextWaveOnly() throws Exception {
        assertThat(apqnViolationsWithA1ArrivingInWave(2)).isEmpty();
        assertThat(apqnViolationsWithA1ArrivingInWave(1)).anyMatch(s -> s.contains("a1: new 6f1c2a7e-5b7d-4c1e-9a3b-2d4e6f8a0b1c on mid/matrix claims APQN 0x5.0x4")
                && s.contains("held by " + A2));
    }
}
