package io.devplace.model;

import java.util.List;

/** The inventory: hosts with their parent devices and existing mdevs, and the VMs that own some of them. */
public record Fleet(String apiVersion, String kind, List<Host> hosts, List<Vm> vms) {
    public Fleet {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        vms = vms == null ? List.of() : List.copyOf(vms);
    }

    public Host host(String name) {
        for (Host h : hosts) if (name != null && name.equals(h.name())) return h;
        return null;
    }

    public Vm vm(String name) {
        for (Vm v : vms) if (name != null && name.equals(v.name())) return v;
        return null;
    }
}
