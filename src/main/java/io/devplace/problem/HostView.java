package io.devplace.problem;

import io.devplace.model.Host;

/** A target host's CPU and memory left after the VMs that certainly stay (identity-equal; the solver groups by it). */
public final class HostView {
    private final Host host;
    private final long freeCpus;
    private final long freeMemoryMiB;

    public HostView(Host host, long freeCpus, long freeMemoryMiB) {
        this.host = host;
        this.freeCpus = freeCpus;
        this.freeMemoryMiB = freeMemoryMiB;
    }

    public Host host() { return host; }

    public String name() { return host.name(); }

    public long freeCpus() { return freeCpus; }

    public long freeMemoryMiB() { return freeMemoryMiB; }

    @Override
    public String toString() { return host.name(); }
}
