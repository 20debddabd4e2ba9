package io.devplace.server;

import io.devplace.problem.CompatibleTargets;
import io.devplace.bench.FleetGenerator;
import io.devplace.cli.ServeCommand;
import io.devplace.fit.FleetState;
import io.devplace.model.Host;
import io.devplace.model.HostState;
import io.devplace.model.Policy;
import io.devplace.model.Reason;
import io.devplace.model.Vm;
import io.devplace.problem.FleetView;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verdicts shared between alike fleet VMs ({@link Placer.Alike}) must be exactly what each VM gets when judged alone
 * (a fresh snapshot, nothing remembered): same fit or reason, same targets bound to the VM's own devices, same costs,
 * and reasons that name the VM judged. Checked on generated fleets where thousands of VMs share a few flavours, under
 * reservations of higher-priority VMs (which make some reasons name the VM), a downtime cap (which makes verdicts
 * depend on the source host) and the spread policy.
 */
class AlikeVerdictsTest {

    @ParameterizedTest(name = "{0} seed {1}, downtime cap {2} ms, {3}")
    @CsvSource({"s, 1, 0, consolidate", "s, 2, 4000, consolidate", "s-frag, 1, 0, spread", "s-tight, 3, 0, consolidate"})
    void everyVmGetsTheVerdictsItWouldGetAlone(String profile, long seed, long downtimeCap, String spread) {
        byte[] fleet = FleetGenerator.generate(profile, seed, 0).json();
        InputChecks.LoadedFleet loaded = ServeCommand.checks(TestService.rules(), false).fleet("fleet.json", fleet);
        FleetView view = loaded.view();
        Policy pol = new Policy("devplace/v1", "Policy", 5L, 2L, 1250L, false, false, false, downtimeCap, spread, "hard", "30s", Map.of())
                .withDefaults();
        List<String> hosts = view.fleet().hosts().stream().map(Host::name).toList();

        FleetSnapshot shared = new FleetSnapshot(1, loaded, Instant.EPOCH);
        AssumeCache assumed = new AssumeCache(Clock.systemUTC(), Duration.ofHours(1));
        reserveHighPriorityVms(loaded, assumed, hosts, pol);
        FleetState state = assumed.state(shared);

        int judged = 0, fitting = 0;
        Set<String> codes = new HashSet<>();
        for (Vm vm : view.fleet().vms()) {
            Ask ask = Ask.existing(view, vm, view.fleet().host(vm.host()).state(), pol);
            List<Placer.Judged> got = Placer.judge(shared, state, ask, hosts, pol);
            FleetSnapshot fresh = new FleetSnapshot(1, loaded, Instant.EPOCH);
            List<Placer.Judged> alone = Placer.judge(fresh, assumed.state(fresh), ask, hosts, pol);
            assertThat(got).as("%s", vm.name()).isEqualTo(alone);
            for (Placer.Judged j : got) {
                judged++;
                if (j.reason() != null) {
                    codes.add(j.reason().code());
                    if (Set.of(Reason.INSUFFICIENT_CPU, Reason.INSUFFICIENT_MEMORY, Reason.DISPLACED_BY_PRIORITY).contains(j.reason().code()))
                        assertThat(j.reason().detail()).as("%s on %s", vm.name(), j.host()).contains(vm.name());
                } else {
                    j.verdict().targets().forEach(t -> assertThat(view.devices(vm)).as("%s on %s", vm.name(), j.host()).contains(t.source()));
                }
            }
            fitting += (int) got.stream().filter(Placer.Judged::fits).count();
        }
        assertThat(judged).isGreaterThan(1000);
        assertThat(fitting).isGreaterThan(100);
        // the fleets exercise both the shared and the per-VM kinds of verdict
        assertThat(codes).containsAnyOf(Reason.INSUFFICIENT_CPU, Reason.INSUFFICIENT_MEMORY);
        assertThat(codes).contains(Reason.ANTI_AFFINITY);
        // with the downtime cap, the capped hosts reject first (DOWNTIME_CAP below) and, since the L40S mixed-size
        // maxima, no host is left where only higher-priority reservations stand in the way
        if (downtimeCap == 0) assertThat(codes).contains(Reason.DISPLACED_BY_PRIORITY);
        if (downtimeCap > 0) assertThat(codes).contains(Reason.DOWNTIME_CAP);
    }

    /**
     * A VM asking again while it holds a reservation is judged on a private state (the fleet without its own
     * reservation); the verdicts shared by its kind on the state everyone else uses must survive that.
     */
    @org.junit.jupiter.api.Test
    void aPrivateStateDoesNotPushOutTheSharedVerdicts() {
        InputChecks.LoadedFleet loaded = ServeCommand.checks(TestService.rules(), false).fleet("fleet.json", FleetGenerator.generate("s", 1, 0).json());
        FleetView view = loaded.view();
        Policy pol = Policy.defaults().withDefaults();
        List<String> hosts = view.fleet().hosts().stream().map(Host::name).toList();
        FleetSnapshot snap = new FleetSnapshot(1, loaded, Instant.EPOCH);
        AssumeCache assumed = new AssumeCache(Clock.systemUTC(), Duration.ofHours(1));
        // two live-migratable VMs of one kind on active hosts
        Map<CompatibleTargets.Shape, Vm> firstOfKind = new java.util.HashMap<>();
        Vm x = null, y = null;
        for (Vm vm : view.fleet().vms()) {
            if (!vm.isLiveMigratable() || view.fleet().host(vm.host()).state() != HostState.ACTIVE) continue;
            Vm other = firstOfKind.putIfAbsent(snap.compatible().shape(vm, io.devplace.model.MoveMode.LIVE), vm);
            if (other != null) { x = other; y = vm; break; }
        }
        assertThat(y).isNotNull();
        Placer.Judged fit = Placer.judge(snap, assumed.state(snap), Ask.migration(view, y), hosts, pol).stream().filter(Placer.Judged::fits).findFirst().orElseThrow();
        assumed.reserve(y, fit.host(), fit.verdict().targets(), fit.verdict().placements());

        FleetState everyone = assumed.state(snap);
        Placer.judge(snap, everyone, Ask.migration(view, x), hosts, pol);
        Placer.Alike kind = new Placer.Alike(snap.compatible().shape(x, io.devplace.model.MoveMode.LIVE), null, pol);
        int kept = snap.judgements().alike(kind, everyone).size();
        assertThat(kept).isEqualTo(hosts.size() - 1); // every host but x's own

        FleetState own = assumed.stateWithout(snap, y.name());
        assertThat(own).isNotSameAs(everyone);
        List<Placer.Judged> again = Placer.judge(snap, own, Ask.migration(view, y), hosts, pol);
        assertThat(snap.judgements().alike(kind, everyone)).hasSize(kept);
        // and y, judged on its private state, still finds the host it holds
        assertThat(again.stream().filter(j -> j.host().equals(fit.host())).findFirst().orElseThrow().fits()).isTrue();
    }

    /** Holds a placement for every tenth VM of above-zero priority on its best host, as POST /v1/placements would. */
    private static void reserveHighPriorityVms(InputChecks.LoadedFleet loaded, AssumeCache assumed, List<String> hosts, Policy pol) {
        List<Vm> high = new ArrayList<>();
        for (Vm vm : loaded.view().fleet().vms()) if (vm.priority() > 0) high.add(vm);
        assertThat(high).isNotEmpty();
        for (int i = 0; i < high.size(); i += 10) {
            Vm vm = high.get(i);
            if (loaded.view().fleet().host(vm.host()).state() != HostState.ACTIVE) continue;
            FleetSnapshot fresh = new FleetSnapshot(1, loaded, Instant.EPOCH);
            Ask ask = Ask.existing(loaded.view(), vm, HostState.ACTIVE, pol);
            for (Placer.Judged j : Placer.judge(fresh, assumed.state(fresh), ask, hosts, pol))
                if (j.fits()) {
                    assumed.reserve(vm, j.host(), j.verdict().targets(), j.verdict().placements());
                    break;
                }
        }
    }
}
