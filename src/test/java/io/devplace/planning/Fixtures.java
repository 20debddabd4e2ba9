package io.devplace.planning;

import io.devplace.model.FleetReader;
import io.devplace.model.Plan;
import io.devplace.model.Policy;
import io.devplace.problem.FleetView;
import io.devplace.problem.PlanRequest;
import io.devplace.rules.LoadedPack;
import io.devplace.rules.RuleBook;
import io.devplace.verify.PlanVerifier;
import io.devplace.verify.Violations;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Small fleets for planner tests, written as YAML the way operators write them. */
final class Fixtures {
    static final String A16 = "{vgpu_manager: \"17.4\", libvirt: \"10.0.0\", qemu: \"8.2.2\"}";

    private Fixtures() {}

    static FleetView view(String yaml, String... extraPacks) {
        List<LoadedPack> packs = new ArrayList<>();
        for (int i = 0; i < extraPacks.length; i++) packs.add(RuleBook.parse("test-pack-" + i + ".yaml", extraPacks[i].getBytes(StandardCharsets.UTF_8)));
        List<String> names = packs.stream().map(LoadedPack::name).toList();
        for (LoadedPack p : RuleBook.bundled()) if (!names.contains(p.name())) packs.add(p);
        return new FleetView(FleetReader.parse("test-fleet.yaml", yaml.getBytes(StandardCharsets.UTF_8)).value(), new RuleBook(packs));
    }

    /** Plans, asserts the plan passes the independent verifier, and returns it. */
    static Plan plan(FleetView view, Policy policy, String... evacuate) {
        Plan p = EvacuationPlanner.plan(view, new PlanRequest(List.of(evacuate), policy), 7L, null, "sha256:test");
        Violations v = PlanVerifier.verify(view.fleet(), view.rules(), p);
        assertThat(v.list()).as("verifier violations").isEmpty();
        return p;
    }

    static Plan plan(FleetView view, String... evacuate) { return plan(view, policy(Map.of()), evacuate); }

    /** Default policy with a short time limit; {@code overrides} keys: maxDowntimeMs, allowCold, antiAffinity, maxParallel, removeFreeMdevs, allowRebalance. */
    static Policy policy(Map<String, Object> o) {
        Policy d = Policy.defaults();
        return new Policy(d.apiVersion(), d.kind(), (Long) o.getOrDefault("maxParallel", d.maxParallel()), d.maxPerHost(), d.bandwidthMiBps(),
                (Boolean) o.getOrDefault("allowCold", d.allowCold()), (Boolean) o.getOrDefault("allowRebalance", d.allowRebalance()),
                (Boolean) o.getOrDefault("removeFreeMdevs", d.removeFreeMdevs()), (Long) o.getOrDefault("maxDowntimeMs", d.maxDowntimeMs()),
                d.spread(), (String) o.getOrDefault("antiAffinity", d.antiAffinity()), "10s", Map.of());
    }

    static String uuid(int n) { return String.format("00000000-0000-4000-8000-%012d", n); }

    static List<String> unplacedVms(Plan p) { return p.unplaced().stream().map(Plan.Unplaced::vm).sorted().toList(); }

    static Plan.Move move(Plan p, String vm) {
        return p.moves().stream().filter(m -> m.vm().equals(vm)).findFirst().orElseThrow(() -> new AssertionError(vm + " not moved"));
    }
}
