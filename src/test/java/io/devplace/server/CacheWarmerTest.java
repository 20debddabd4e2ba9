package io.devplace.server;

import io.devplace.problem.CompatibleTargets;
import io.devplace.bench.FleetGenerator;
import io.devplace.cli.ServeCommand;
import io.devplace.model.Host;
import io.devplace.model.MoveMode;
import io.devplace.model.Policy;
import io.devplace.model.Vm;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The service judges one VM of every kind after a fleet load, so that the first pod of each kind finds its answers. */
class CacheWarmerTest {

    @Test
    void everyKindOfVmInTheFleetIsJudgedOnceAndItsAnswersAreKept() throws Exception {
        InputChecks.LoadedFleet loaded = ServeCommand.checks(TestService.rules(), false).fleet("fleet.json", FleetGenerator.generate("s", 1, 0).json());
        FleetSnapshot snap = new FleetSnapshot(1, loaded, Instant.EPOCH);
        AssumeCache assumed = new AssumeCache(Clock.systemUTC(), Duration.ofMinutes(1));
        Set<CompatibleTargets.Shape> kinds = new HashSet<>();
        for (Vm vm : loaded.view().fleet().vms())
            if (io.devplace.problem.Mobility.canMoveLive(loaded.view(), vm)) kinds.add(snap.compatible().shape(vm, MoveMode.LIVE));
        kinds.remove(null);
        assertThat(snap.compatible().shapes()).isZero();

        try (CacheWarmer warmer = new CacheWarmer(assumed, Policy.defaults(), List.of())) {
            int judged = warmer.warm(snap).get(60, TimeUnit.SECONDS);
            assertThat(judged).isEqualTo(kinds.size()).isGreaterThan(1);
        }
        // the candidates of every kind are kept, host by host: a migration pod of any VM now starts from them
        assertThat(snap.compatible().shapes()).isEqualTo(kinds.size());
        List<String> hosts = loaded.view().fleet().hosts().stream().map(Host::name).toList();
        Vm any = loaded.view().fleet().vms().get(loaded.view().fleet().vms().size() / 2);
        FleetSnapshot fresh = new FleetSnapshot(1, loaded, Instant.EPOCH);
        assertThat(Placer.judge(snap, assumed.state(snap), Ask.migration(snap.view(), any), hosts, Policy.defaults().withDefaults()))
                .isEqualTo(Placer.judge(fresh, assumed.state(fresh), Ask.migration(fresh.view(), any), hosts, Policy.defaults().withDefaults()));
    }

    @Test
    void aNewerFleetStopsTheWarmingOfAnOlderOne() throws Exception {
        InputChecks.LoadedFleet loaded = ServeCommand.checks(TestService.rules(), false).fleet("fleet.json", FleetGenerator.generate("s", 2, 0).json());
        FleetSnapshot older = new FleetSnapshot(1, loaded, Instant.EPOCH);
        FleetSnapshot newer = new FleetSnapshot(2, loaded, Instant.EPOCH);
        AssumeCache assumed = new AssumeCache(Clock.systemUTC(), Duration.ofMinutes(1));
        // a paused executor: both fleets arrive before either warming starts, as when PUTs come faster than warming
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        thread.submit(() -> { go.await(); return null; });
        try (CacheWarmer warmer = new CacheWarmer(assumed, Policy.defaults(), List.of(), thread)) {
            var first = warmer.warm(older);
            var second = warmer.warm(newer);
            go.countDown();
            assertThat(first.get(60, TimeUnit.SECONDS)).isZero();
            assertThat(second.get(60, TimeUnit.SECONDS)).isGreaterThan(1);
        }
        assertThat(older.compatible().shapes()).isZero();
        assertThat(newer.compatible().shapes()).isGreaterThan(1);
    }
}
