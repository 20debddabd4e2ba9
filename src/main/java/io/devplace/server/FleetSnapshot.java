package io.devplace.server;

import io.devplace.problem.CompatibleTargets;
import io.devplace.model.Host;
import io.devplace.model.InputProblem;
import io.devplace.model.Vm;
import io.devplace.problem.FleetView;

import java.time.Instant;
import java.util.List;

/**
 * One immutable fleet generation. A request takes the current snapshot once and answers entirely from it, so that a
 * concurrent {@code PUT /v1/fleet} can never give it half of one fleet and half of another.
 */
final class FleetSnapshot {
    private final long generation;
    private final FleetView view;
    private final String digest;
    private final List<InputProblem> warnings;
    private final Instant loadedAt;
    private final Judgements judgements = new Judgements();
    private final CompatibleTargets compatible;

    FleetSnapshot(long generation, InputChecks.LoadedFleet loaded, Instant loadedAt) {
        this.generation = generation;
        this.view = loaded.view();
        this.digest = loaded.digest();
        this.warnings = List.copyOf(loaded.warnings());
        this.loadedAt = loadedAt;
        this.compatible = new CompatibleTargets(view);
    }

    long generation() { return generation; }

    FleetView view() { return view; }

    String digest() { return digest; }

    List<InputProblem> warnings() { return warnings; }

    Instant loadedAt() { return loadedAt; }

    /** Verdicts already made on this snapshot (derived data: it dies with the snapshot). */
    Judgements judgements() { return judgements; }

    /** What hosts offer fleet VMs by the rules alone, shared between VMs whose devices look alike (derived data too). */
    CompatibleTargets compatible() { return compatible; }

    /** VM by name (the first of a name); null when the fleet has no such VM. */
    Vm vm(String name) { return view.fleet().vm(name); }

    /** Host by name; Kubernetes node names are fleet host names, one to one. Null when the fleet has no such host. */
    Host host(String name) { return view.fleet().host(name); }

    /** The ETag of this generation (a strong validator: the generation number, quoted). */
    String etag() { return "\"" + generation + "\""; }
}
