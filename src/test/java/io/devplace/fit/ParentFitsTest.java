package io.devplace.fit;

import io.devplace.capacity.Instance;
import io.devplace.model.FleetReader;
import io.devplace.model.Host;
import io.devplace.model.MoveMode;
import io.devplace.model.Policy;
import io.devplace.model.Vm;
import io.devplace.problem.FleetView;
import io.devplace.problem.ParentView;
import io.devplace.rules.RuleBook;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Remembered capacity answers ({@link ParentFits}) change no verdict, and are never used for another state. */
class ParentFitsTest {
    static final FleetView VIEW;

    static {
        try {
            VIEW = new FleetView(FleetReader.parse("examples/fleet.yaml", Files.readAllBytes(Path.of("examples/fleet.yaml"))).value(),
                    RuleBook.load(List.of(), true));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void verdictsWithRememberedAnswersEqualThoseWithout() {
        FleetState plain = new FleetState(VIEW);
        FleetState busy = new FleetState(VIEW);
        busy.place(new Vm("filler", null, 100, 900_000, 1000, true, List.of("render"), List.of()), "gpu-a3", List.of(), null, List.of());
        Policy pol = Policy.defaults();
        int compared = 0;
        for (FleetState s : List.of(plain, busy)) {
            ParentFits fits = new ParentFits(s);
            for (int round = 0; round < 2; round++) // the second round answers from what the first remembered
                for (Vm vm : VIEW.fleet().vms())
                    for (Host h : VIEW.fleet().hosts()) {
                        if (h.name().equals(vm.host())) continue;
                        MoveMode mode = vm.isLiveMigratable() ? MoveMode.LIVE : MoveMode.COLD;
                        HostVerdict without = PreferredFit.judge(s, vm, mode, h, pol);
                        HostVerdict with = PreferredFit.judge(s, vm, mode, h, pol, null, fits);
                        assertThat(with).as(vm.name() + " -> " + h.name()).isEqualTo(without);
                        assertThat(HostFit.judge(s, vm, mode, h, pol, io.devplace.problem.Candidates.on(VIEW, vm, mode, h), fits))
                                .isEqualTo(HostFit.judge(s, vm, mode, h, pol));
                        compared++;
                    }
        }
        assertThat(compared).isGreaterThan(0);
    }

    @Test
    void answersAboutAnotherStateAreNotUsed() {
        FleetState before = new FleetState(VIEW);
        ParentFits fits = new ParentFits(before);
        Host host = VIEW.fleet().host("gvt-1");
        ParentView gvt = VIEW.parents("gvt-1").get(0);
        // remember an answer on the empty-ish GPU, then fill the GPU in another state
        List<Instance> one = List.of(Instance.added("i915-GVTg_V5_4", 1));
        assertThat(fits.fit(gvt, one)).isEqualTo(gvt.capacity().fit(before.instances(gvt), one));
        FleetState after = new FleetState(VIEW);
        for (int i = 0; i < 16; i++) after.putInstance(gvt, Instance.added("i915-GVTg_V5_4", 1));
        assertThat(fits.of(after)).isFalse();

        Vm vm = new Vm("new", null, 1, 1024, 0, true, List.of(), List.of());
        List<DeviceRequest> asks = List.of(new DeviceRequest("i915-GVTg_V5_4", null));
        NewVmFit.Offer offer = NewVmFit.offer(VIEW, asks, host);
        assertThat(NewVmFit.judge(before, vm, offer, host, Policy.defaults(), fits).fits()).isTrue();
        // the answers remembered for `before` would say it fits; on `after` the GPU is full
        assertThat(NewVmFit.judge(after, vm, offer, host, Policy.defaults(), fits)).isEqualTo(NewVmFit.judge(after, vm, offer, host, Policy.defaults()));
        assertThat(NewVmFit.judge(after, vm, offer, host, Policy.defaults(), fits).fits()).isFalse();
    }
}
