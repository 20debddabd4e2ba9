package io.devplace.planning;

import io.devplace.model.MoveMode;
import io.devplace.model.Plan;
import io.devplace.model.Reason;
import io.devplace.problem.FleetView;
import io.devplace.problem.Mobility;
import io.devplace.verify.PlanVerifier;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.devplace.planning.Fixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pack's {@code migration.live: false} (with {@code why}) and {@code migration.maxParallelPerParent}: VMs holding
 * such devices never move live, the reason names pack and why, and per wave a parent takes part in at most that many
 * moves each way — in the plan and in the independent verifier.
 */
class PackMigrationTest {
    static final String FROZEN = """
            apiVersion: devplace/v1
            kind: RulePack
            name: frozen
            match: {driver: frozen}
            capacity: {counters: {n: 8}}
            types:
              frozen-1: {deviceApi: vfio-pci, consumes: {n: 1}}
            migration:
              live: false
              why: "frozen.c registers no migration ops"
            """;

    static final String SERIAL = """
            apiVersion: devplace/v1
            kind: RulePack
            name: serial
            match: {driver: serial}
            capacity: {counters: {n: 8}}
            types:
              serial-1: {deviceApi: vfio-pci, consumes: {n: 1}}
            migration:
              maxParallelPerParent: 1
            """;

    /** {@code n} VMs with one {@code driver}-1 device each on src, and an empty parent of that driver on dst. */
    static String fleet(String driver, int n, String srcState) {
        StringBuilder mdevs = new StringBuilder(), vms = new StringBuilder();
        for (int i = 0; i < n; i++) {
            mdevs.append(i == 0 ? "" : ", ").append("{uuid: \"").append(uuid(i + 1)).append("\", type: ").append(driver).append("-1}");
            vms.append("  - {name: vm").append(i).append(", host: src, cpus: 1, memoryMiB: 1024, devices: [{mdev: \"").append(uuid(i + 1)).append("\"}]}\n");
        }
        return """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - {name: src, state: %s, cpus: 64, memoryMiB: 262144, devices: [{id: p0, driver: %s, mdevs: [%s]}]}
                  - {name: dst, cpus: 64, memoryMiB: 262144, devices: [{id: p0, driver: %s}]}
                vms:
                """.formatted(srcState, driver, mdevs, driver) + vms;
    }

    @Test
    void liveFalseIsUnplacedWithPackAndWhyWhenColdIsNotAllowed() {
        Plan p = Fixtures.plan(Fixtures.view(fleet("frozen", 1, "active"), FROZEN), "src");
        assertThat(p.moves()).isEmpty();
        Reason r = p.unplaced().get(0).reasons().get(0);
        assertThat(r.code()).isEqualTo(Reason.NOT_LIVE_MIGRATABLE);
        assertThat(r.host()).isEqualTo("dst");
        assertThat(r.detail()).contains("frozen-1").contains("rule pack frozen").contains("frozen.c registers no migration ops");
    }

    @Test
    void liveFalseMovesColdWithAllowColdAndRestartsFromADownHost() {
        Plan cold = Fixtures.plan(Fixtures.view(fleet("frozen", 1, "active"), FROZEN), Fixtures.policy(Map.of("allowCold", true)), "src");
        assertThat(Fixtures.move(cold, "vm0").mode()).isEqualTo(MoveMode.COLD);
        Plan down = Fixtures.plan(Fixtures.view(fleet("frozen", 1, "down"), FROZEN));
        assertThat(Fixtures.move(down, "vm0").mode()).isEqualTo(MoveMode.RESTART);
    }

    @Test
    void aLiveMoveOfALiveFalseDeviceIsAViolation() {
        FleetView view = Fixtures.view(fleet("frozen", 1, "active"), FROZEN);
        Plan cold = Fixtures.plan(view, Fixtures.policy(Map.of("allowCold", true)), "src");
        Plan.Move m = cold.moves().get(0);
        Plan tampered = withMoves(cold, List.of(new Plan.Move(m.vm(), MoveMode.LIVE, m.from(), m.to(), m.wave(), 300, m.devices())));
        assertThat(PlanVerifier.verify(view.fleet(), view.rules(), tampered).list())
                .anyMatch(s -> s.contains("moves live but is not live-migratable") && s.contains("frozen"));
    }

    @Test
    void oneDecisionForPlanningExplainAndService() {
        FleetView view = Fixtures.view(fleet("frozen", 1, "active"), FROZEN);
        var vm = view.fleet().vm("vm0");
        Mobility noCold = Mobility.of(view, vm, Fixtures.policy(Map.of()));
        assertThat(noCold.mode()).isNull();
        assertThat(noCold.live()).isFalse();
        assertThat(Mobility.of(view, vm, Fixtures.policy(Map.of("allowCold", true))).mode()).isEqualTo(MoveMode.COLD);
        FleetView plain = Fixtures.view(fleet("serial", 1, "active"), SERIAL);
        assertThat(Mobility.of(plain, plain.fleet().vm("vm0"), Fixtures.policy(Map.of())).mode()).isEqualTo(MoveMode.LIVE);
    }

    @Test
    void maxParallelPerParentSpreadsMovesOverWaves() {
        // two moves: the policy's default of 2 per host would let both go in one wave (next test)
        FleetView view = Fixtures.view(fleet("serial", 2, "active"), SERIAL);
        Plan p = Fixtures.plan(view, "src");
        assertThat(p.moves()).hasSize(2);
        assertThat(p.moves().stream().map(Plan.Move::wave).distinct().count()).as("one move per wave out of p0").isEqualTo(2);
    }

    @Test
    void withoutTheLimitTheSameMovesShareAWave() {
        String unlimited = SERIAL.replace("maxParallelPerParent: 1", "maxParallelPerParent: 0");
        Plan p = Fixtures.plan(Fixtures.view(fleet("serial", 2, "active"), unlimited), "src");
        assertThat(p.summary().waves()).isEqualTo(1);
    }

    @Test
    void theVerifierCountsMovesPerParentAndWave() {
        FleetView view = Fixtures.view(fleet("serial", 2, "active"), SERIAL);
        Plan p = Fixtures.plan(view, "src");
        List<Plan.Move> oneWave = new ArrayList<>();
        for (Plan.Move m : p.moves()) oneWave.add(new Plan.Move(m.vm(), m.mode(), m.from(), m.to(), 1, m.estimatedDowntimeMs(), m.devices()));
        List<Plan.Action> actions = new ArrayList<>();
        for (Plan.Action a : p.actions()) actions.add(a.wave() == 0 ? a : withWave(a, 1));
        Plan tampered = new Plan(p.apiVersion(), p.kind(), p.request(), p.summary(), oneWave, actions, p.unplaced());
        assertThat(PlanVerifier.verify(view.fleet(), view.rules(), tampered).list())
                .anyMatch(s -> s.contains("2 moves out of src/p0") && s.contains("maxParallelPerParent 1"))
                .anyMatch(s -> s.contains("2 moves into dst/p0"));
    }

    private static Plan withMoves(Plan p, List<Plan.Move> moves) {
        return new Plan(p.apiVersion(), p.kind(), p.request(), p.summary(), moves, p.actions(), p.unplaced());
    }

    private static Plan.Action withWave(Plan.Action a, long wave) {
        return new Plan.Action(wave, a.op(), a.mode(), a.vm(), a.host(), a.from(), a.to(), a.parent(), a.uuid(), a.type(), a.attrs(), a.placement());
    }
}
