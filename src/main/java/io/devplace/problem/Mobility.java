package io.devplace.problem;

import io.devplace.model.HostState;
import io.devplace.model.MoveMode;
import io.devplace.model.Policy;
import io.devplace.model.Vm;
import io.devplace.rules.LoadedPack;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How a fleet VM moves, decided in one place for planning, {@code explain}, the service and what-if (docs/reference/plan.md, check 1):
 * restarted when its host is down; live when it is live-migratable — its own {@code liveMigratable} and every pack
 * governing one of its devices ({@code migration.live}); else cold when the policy allows it; else it cannot move,
 * and {@link #detail} says why, naming the packs and their reasons.
 *
 * @param mode how it moves when its host is emptied; null when it cannot move at all
 * @param live whether it may move live (what rebalancing and migration targets need)
 * @param notLive why it is not live-migratable (null when it is)
 */
public record Mobility(MoveMode mode, boolean live, String notLive) {
    public static Mobility of(FleetView view, Vm vm, HostState sourceState, Policy pol) {
        String notLive = notLiveReason(view, vm);
        MoveMode mode = sourceState == HostState.DOWN ? MoveMode.RESTART
                : notLive == null ? MoveMode.LIVE : pol.allowCold() ? MoveMode.COLD : null;
        return new Mobility(mode, notLive == null, notLive);
    }

    /** As {@link #of} for a VM on its own host as it stands. */
    public static Mobility of(FleetView view, Vm vm, Policy pol) {
        return of(view, vm, view.fleet().host(vm.host()).state(), pol);
    }

    /** Whether {@code vm} may move live: its own flag and every pack of its devices allow it. */
    public static boolean canMoveLive(FleetView view, Vm vm) { return notLiveReason(view, vm) == null; }

    /** The detail of NOT_LIVE_MIGRATABLE for a VM that cannot move at all ({@code mode} null). */
    public String unmovable() { return notLive + ", and the policy does not allow cold migration"; }

    /** Why {@code vm} is not live-migratable, or null when it is: its own flag, then each pack that says {@code live: false}. */
    static String notLiveReason(FleetView view, Vm vm) {
        List<String> why = new ArrayList<>();
        if (!vm.isLiveMigratable()) why.add(vm.name() + " is not live-migratable");
        Set<LoadedPack> seen = new LinkedHashSet<>();
        for (SourceDevice d : view.devices(vm)) {
            LoadedPack p = d.parent().governed().pack();
            if (p != null && !p.pack().liveMigratable() && seen.add(p))
                why.add(vm.name() + " holds " + d.mdev().type() + " of rule pack " + p.name() + ", which cannot be live-migrated: " + p.pack().notLiveWhy());
        }
        return why.isEmpty() ? null : String.join("; ", why);
    }
}
