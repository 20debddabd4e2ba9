package io.devplace.model;

import java.util.List;

/** The inventory: hosts with their parent devices and existing mdevs, and the VMs that own some of them. */
public record Fleet(String apiVersion, String kind, List<Host> hosts, List<Vm> vms) {
    public Fleet {
        hosts = hosts instanceof NamedList<Host> n ? n : new NamedList<>(hosts == null ? List.of() : hosts, Host::name);
        vms = vms instanceof NamedList<Vm> n ? n : new NamedList<>(vms == null ? List.of() : vms, Vm::name);
    }

    /** The first host of this name, or null (constant time: see {@link NamedList}). */
    public Host host(String name) { return ((NamedList<Host>) hosts).named(name); }

    /** The first VM of this name, or null. */
    public Vm vm(String name) { return ((NamedList<Vm>) vms).named(name); }
}
