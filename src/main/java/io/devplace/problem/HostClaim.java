package io.devplace.problem;

/** CPU and memory a placement takes on a host (positive) or gives back on its source host (negative, rebalance only). */
public final class HostClaim {
    private final HostView host;
    private final long cpus;
    private final long memoryMiB;

    public HostClaim(HostView host, long cpus, long memoryMiB) {
        this.host = host;
        this.cpus = cpus;
        this.memoryMiB = memoryMiB;
    }

    public HostView host() { return host; }

    public long cpus() { return cpus; }

    public long memoryMiB() { return memoryMiB; }
}
