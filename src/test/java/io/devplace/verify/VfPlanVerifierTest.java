package io.devplace.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devplace.capacity.Instance;
import io.devplace.capacity.PackCapacity;
import io.devplace.capacity.Shortfall;
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
import io.devplace.rules.CapacitySpec;
import io.devplace.rules.RuleBook;
import io.devplace.rules.TypeSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The verifier's own reading of VF-based parents (docs/vf.md; docs/reference/plan.md): each kind of VF tampering is named. */
class VfPlanVerifierTest {
    static Fleet fleet;
    static RuleBook rules;
    static JsonNode good;

    @BeforeAll
    static void planOnce() throws Exception {
        fleet = FleetReader.parse("fleet-vf.yaml", Files.readAllBytes(Path.of("examples/fleet-vf.yaml"))).value();
        rules = RuleBook.bundledOnly();
        Plan p = EvacuationPlanner.plan(new FleetView(fleet, rules), new PlanRequest(List.of("l40s-m1", "l40s-v1", "nic-1"),
                Policy.defaults().withTimeLimit("5s")), 3L, null, "sha256:x");
        good = Output.JSON.readTree(Output.json(p));
    }

    private static List<String> verify(Consumer<ObjectNode> tamper) {
        ObjectNode copy = good.deepCopy();
        tamper.accept(copy);
        return PlanVerifier.verify(fleet, rules, Documents.bind(copy, Plan.class, new Locations("plan.json"))).list();
    }

    private static ObjectNode target(ObjectNode plan, String vm) {
        for (JsonNode m : plan.get("moves")) if (m.get("vm").asText().equals(vm)) return (ObjectNode) m.get("devices").get(0).get("target");
        throw new AssertionError(vm);
    }

    private static ObjectNode action(ObjectNode plan, String op, String host) {
        for (JsonNode a : plan.get("actions")) if (a.get("op").asText().equals(op) && a.get("host").asText().equals(host)) return (ObjectNode) a;
        throw new AssertionError(op + " " + host);
    }

    @Test
    void acceptsThePlannersPlan() {
        assertThat(verify(p -> {})).isEmpty();
    }

    @Test
    void aVfThatIsNotFreeCannotBeConfigured() {
        // 0000:41:00.4 on l40s-v2 is set to a type and owned by cad-v2
        List<String> v = verify(p -> {
            String old = target(p, "cad-new").get("vf").asText();
            target(p, "cad-new").put("vf", "0000:41:00.4");
            for (JsonNode a : p.get("actions"))
                if (a.get("op").asText().equals("configure-vf") && a.get("vf").asText().equals(old)) ((ObjectNode) a).put("vf", "0000:41:00.4");
        });
        assertThat(v).anyMatch(s -> s.contains("configures VF 0000:41:00.4") && s.contains("not free"));
    }

    @Test
    void aVfThatDoesNotExistIsNamed() {
        List<String> v = verify(p -> target(p, "nfv-1").put("vf", "0000:af:01.7"));
        assertThat(v).anyMatch(s -> s.contains("target VF 0000:af:01.7 is not a VF of nic-2"));
    }

    @Test
    void aVfTargetIsNotAnMdev() {
        List<String> v = verify(p -> {
            ObjectNode t = target(p, "nfv-1");
            t.put("uuid", "8d0f5a4e-1c2b-4a3d-9e8f-7a6b5c4d3e2f");
            t.remove("vf");
            t.put("action", "create");
        });
        assertThat(v).anyMatch(s -> s.contains("must name a vf"));
    }

    @Test
    void resetVfIsNotRemoveMdev() {
        List<String> v = verify(p -> {
            ObjectNode a = action(p, "reset-vf", "nic-1");
            a.put("op", "remove-mdev");
            a.put("uuid", a.get("vf").asText());
            a.remove("vf");
        });
        assertThat(v).anyMatch(s -> s.contains("remove-mdev on nic-1/0000:af:00.0, which is VF-based"));
    }

    @Test
    void theSourceVfMustBeReset() {
        List<String> v = verify(p -> {
            var actions = (com.fasterxml.jackson.databind.node.ArrayNode) p.get("actions");
            for (int i = 0; i < actions.size(); i++)
                if (actions.get(i).get("op").asText().equals("reset-vf") && actions.get(i).get("host").asText().equals("nic-1")) { actions.remove(i); break; }
        });
        assertThat(v).isNotEmpty();
    }

    @Test
    void aVfBasedParentHoldsAtMostOneInstancePerVf() {
        PackCapacity cap = new PackCapacity(new CapacitySpec(Map.of("fb", 100L), null, null, null),
                Map.of("t", new TypeSpec(null, null, "vfio-pci", Map.of("fb", 1L), null, null, null, null, null)), 2L);
        assertThat(cap.fit(List.of(Instance.added("t", 1)), List.of(Instance.added("t", 1))).fits()).isTrue();
        var f = cap.fit(List.of(Instance.added("t", 1)), List.of(Instance.added("t", 1), Instance.added("t", 1)));
        assertThat(f.shortfall()).isEqualTo(Shortfall.INSUFFICIENT_DEVICE_CAPACITY);
        assertThat(f.detail()).contains("no free VF");
    }
}
