package io.devplace.bound;

import io.devplace.capacity.Instance;
import io.devplace.problem.HostView;
import io.devplace.problem.ParentView;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An upper bound on how many of some evacuees the relaxation can place at once, by a maximum flow: each evacuee sends
 * one unit to a host it has a choice on, through the parent (or the free mdev) its device would use; a parent passes at
 * most as many as its capacity model could hold together ({@link io.devplace.capacity.ParentCapacity#countBound}), a
 * host at most as many as its free CPU and memory could hold (smallest VMs first). Any placement is such a flow, so
 * the maximum flow is never below the best placement. VMs with several devices, or whose choices were truncated, go
 * straight to the host (their parents' limits are left out, which only loosens the bound).
 */
final class FlowBound {
    private FlowBound() {}

    static long of(Relaxation rx, List<Relaxation.Evacuee> vms) {
        if (vms.isEmpty()) return 0;
        MaxFlow g = new MaxFlow();
        int source = g.node(), sink = g.node();
        Map<HostView, Integer> hostNode = new IdentityHashMap<>();
        Map<ParentView, Integer> parentNode = new IdentityHashMap<>();
        Map<String, Integer> reuseNode = new LinkedHashMap<>();
        Map<HostView, List<Relaxation.Evacuee>> onHost = new LinkedHashMap<>();
        Map<io.devplace.model.Host, HostView> viewOf = new IdentityHashMap<>();
        Map<ParentView, List<List<Instance>>> demand = new LinkedHashMap<>();
        for (Relaxation.Evacuee e : vms) {
            int v = g.node();
            g.edge(source, v, 1);
            boolean direct = !e.complete() || e.choices().stream().anyMatch(c -> c.slots().size() != 1);
            Set<HostView> hosts = e.hosts();
            for (HostView h : hosts) {
                onHost.computeIfAbsent(h, x -> new ArrayList<>()).add(e);
                viewOf.put(h.host(), h);
                hostNode.computeIfAbsent(h, x -> g.node());
            }
            if (direct) {
                for (HostView h : hosts) g.edge(v, hostNode.get(h), 1);
                continue;
            }
            Map<ParentView, Set<Instance>> mine = new LinkedHashMap<>();
            Set<String> reuses = new LinkedHashSet<>();
            for (Relaxation.Choice c : e.choices()) {
                Relaxation.Slot s = c.slots().get(0);
                if (s.reuses()) {
                    String key = s.parent().key() + "/" + s.reuseUuid();
                    if (reuses.add(key)) {
                        Integer r = reuseNode.get(key);
                        if (r == null) {
                            reuseNode.put(key, r = g.node());
                            g.edge(r, hostNode.get(c.host()), 1); // a free mdev is reused by one VM at most
                        }
                        g.edge(v, r, 1);
                    }
                } else mine.computeIfAbsent(s.parent(), p -> new LinkedHashSet<>()).add(s.instance());
            }
            for (var m : mine.entrySet()) {
                ParentView p = m.getKey();
                Integer pn = parentNode.get(p);
                if (pn == null) parentNode.put(p, pn = g.node());
                g.edge(v, pn, 1);
                demand.computeIfAbsent(p, x -> new ArrayList<>()).add(new ArrayList<>(m.getValue()));
            }
        }
        for (var d : demand.entrySet()) {
            ParentView p = d.getKey();
            long room = p.capacity().countBound(rx.pinned(p), d.getValue());
            g.edge(parentNode.get(p), hostNode.get(viewOf.get(p.host())), room);
        }
        for (var h : onHost.entrySet()) g.edge(hostNode.get(h.getKey()), sink, hostRoom(h.getKey(), h.getValue()));
        return g.solve(source, sink);
    }

    /** How many of these VMs the host's free CPU, and its free memory, could each hold: smallest first. */
    static long hostRoom(HostView h, List<Relaxation.Evacuee> vms) {
        long[] cpu = new long[vms.size()], mem = new long[vms.size()];
        for (int i = 0; i < cpu.length; i++) {
            cpu[i] = vms.get(i).vm().cpus();
            mem[i] = vms.get(i).vm().memoryMiB();
        }
        return Math.min(smallestFirst(cpu, h.freeCpus()), smallestFirst(mem, h.freeMemoryMiB()));
    }

    private static long smallestFirst(long[] need, long left) {
        Arrays.sort(need);
        long n = 0;
        for (long d : need) {
            if (d > left) break;
            left -= d;
            n++;
        }
        return n;
    }
}
