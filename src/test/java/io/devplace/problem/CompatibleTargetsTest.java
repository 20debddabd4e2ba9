package io.devplace.problem;

import io.devplace.cli.FleetInput;
import io.devplace.model.Host;
import io.devplace.model.MoveMode;
import io.devplace.model.Policy;
import io.devplace.model.Vm;
import io.devplace.rules.RuleBook;
import io.devplace.rules.TestPacks;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Candidates shared between VMs whose devices look alike ({@link CompatibleTargets}) must be exactly what
 * {@link Candidates#on} computes for each VM on its own, pointed at that VM's own source devices; the planning problem
 * built with them must give each VM only such targets.
 */
class CompatibleTargetsTest {
    private static FleetView example() throws Exception {
        RuleBook rules = RuleBook.load(List.of(TestPacks.AGGREGATING_GVTG), true);
        return FleetInput.load("fleet.yaml", Files.readAllBytes(Path.of("examples/fleet.yaml")), rules, false).view();
    }

    @Test
    void sharedCandidatesEqualThoseComputedForEachVmAlone() throws Exception {
        FleetView view = example();
        CompatibleTargets shared = new CompatibleTargets(view);
        int asked = 0;
        for (MoveMode mode : List.of(MoveMode.LIVE, MoveMode.COLD, MoveMode.RESTART))
            for (Vm vm : view.fleet().vms()) {
                CompatibleTargets.ForVm forVm = shared.of(vm, mode);
                for (Host h : view.fleet().hosts()) {
                    HostCandidates alone = Candidates.on(view, vm, mode, h);
                    assertThat(forVm.on(h)).as("%s %s on %s", mode, vm.name(), h.name()).isEqualTo(alone);
                    // the source devices are this VM's own, not those of the VM the candidates were first computed for
                    forVm.on(h).perDevice().forEach(ts -> ts.forEach(t -> assertThat(view.devices(vm)).contains(t.source())));
                    asked++;
                }
            }
        assertThat(asked).isGreaterThan(0);
        // it is worth having only because VMs do share shapes: fewer shapes than (VM, mode) pairs
        assertThat(shared.shapes()).isLessThan(3 * view.fleet().vms().size());
    }

    @Test
    void groupedKeepsEveryItemOnceWithEachShapeTogetherInItsOrder() throws Exception {
        FleetView view = example();
        CompatibleTargets shared = new CompatibleTargets(view);
        List<Vm> vms = view.fleet().vms();
        List<Vm> grouped = shared.grouped(vms, v -> v, v -> MoveMode.LIVE);
        assertThat(grouped).containsExactlyInAnyOrderElementsOf(vms);
        List<CompatibleTargets.Shape> seen = new ArrayList<>();
        Set<CompatibleTargets.Shape> closed = new HashSet<>();
        for (int i = 0; i < grouped.size(); i++) {
            CompatibleTargets.Shape s = shared.shape(grouped.get(i), MoveMode.LIVE);
            if (i > 0 && !s.equals(shared.shape(grouped.get(i - 1), MoveMode.LIVE))) closed.add(shared.shape(grouped.get(i - 1), MoveMode.LIVE));
            assertThat(closed).as("shape of %s met again after another shape", grouped.get(i).name()).doesNotContain(s);
            if (!seen.contains(s)) seen.add(s);
        }
        // within a shape, the input order
        for (CompatibleTargets.Shape s : seen) {
            List<Vm> in = vms.stream().filter(v -> shared.shape(v, MoveMode.LIVE).equals(s)).toList();
            List<Vm> out = grouped.stream().filter(v -> shared.shape(v, MoveMode.LIVE).equals(s)).toList();
            assertThat(out).isEqualTo(in);
        }
        assertThat(seen.size()).as("the example has VMs of one shape on several hosts").isLessThan(vms.size());
    }

    @Test
    void everyOptionOfTheBuiltProblemTargetsWhatTheRulesGiveThatVmThere() throws Exception {
        FleetView view = example();
        List<String> hosts = view.fleet().hosts().stream().map(Host::name).limit(2).toList();
        PlanningProblem p = ProblemBuilder.build(view, new PlanRequest(hosts, Policy.defaults()));
        int options = 0;
        for (VmRequest r : p.requests())
            for (PlacementOption o : r.options()) {
                HostCandidates alone = Candidates.on(view, r.vm(), r.mode(), o.host().host());
                for (int i = 0; i < o.targets().size(); i++)
                    assertThat(alone.perDevice().get(i)).as("%s device %d on %s", r.vm().name(), i, o.hostName()).contains(o.targets().get(i));
                options++;
            }
        assertThat(options).isGreaterThan(0);
    }
}
