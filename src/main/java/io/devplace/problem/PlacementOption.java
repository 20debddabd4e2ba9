package io.devplace.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * One way to place one VM: a target host and a device target for each of its source devices, with what that does
 * to parents and hosts. The solver's planning value; every option of a VM is compatible and fits an otherwise
 * unchanged target by itself, so the solver only has to resolve interactions between VMs.
 */
public final class PlacementOption {
    private final VmRequest request;
    private final HostView host;
    private final List<DeviceTarget> targets;
    private final long downtimeMs;
    private final List<ParentClaim> parentClaims;
    private final int newMdevs;
    private final boolean requirementsMet;

    public PlacementOption(VmRequest request, HostView host, List<DeviceTarget> targets, long downtimeMs, List<ParentClaim> releases) {
        this.request = request;
        this.host = host;
        this.targets = List.copyOf(targets);
        this.downtimeMs = downtimeMs;
        List<ParentClaim> pc = new ArrayList<>();
        int n = 0;
        for (DeviceTarget t : targets) {
            if (t.reuses()) pc.add(new ParentClaim(t.parent(), ParentClaim.Kind.REUSE, t.type(), t.aggregation(), t.reuseUuid()));
            else {
                pc.add(new ParentClaim(t.parent(), ParentClaim.Kind.ADD, t.type(), t.aggregation(), null, t.attrs()));
                n++;
            }
        }
        pc.addAll(releases);
        this.parentClaims = List.copyOf(pc);
        this.newMdevs = n;
        this.requirementsMet = computeRequirementsMet();
    }

    public VmRequest request() { return request; }

    public HostView host() { return host; }

    public String hostName() { return host.name(); }

    public List<DeviceTarget> targets() { return targets; }

    public long downtimeMs() { return downtimeMs; }

    public List<ParentClaim> parentClaims() { return parentClaims; }


    public int newMdevs() { return newMdevs; }

    /** Whether every pack {@code requires} holds for a live move: source packs on the source host, target packs here. */
    public boolean requirementsMet() { return requirementsMet; }

    private boolean computeRequirementsMet() {
        if (request.mode() != io.devplace.model.MoveMode.LIVE) return true;
        for (DeviceTarget t : targets) {
            if (!t.parent().governed().requiresFailures().isEmpty()) return false;
            if (!t.source().parent().governed().requiresFailures().isEmpty()) return false;
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(request.vm().name()).append("->").append(host.name());
        for (DeviceTarget t : targets) b.append(' ').append(t.parent().id()).append(':').append(t.type()).append(t.reuses() ? "(reuse)" : "");
        return b.toString();
    }
}
