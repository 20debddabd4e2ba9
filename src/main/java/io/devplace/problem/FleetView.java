package io.devplace.problem;

import io.devplace.capacity.Capacities;
import io.devplace.capacity.ParentCapacity;
import io.devplace.model.Fleet;
import io.devplace.model.Host;
import io.devplace.model.HostState;
import io.devplace.model.Mdev;
import io.devplace.model.ParentDevice;
import io.devplace.model.Vm;
import io.devplace.model.VmDevice;
import io.devplace.rules.GovernedParent;
import io.devplace.rules.RuleBook;
import io.devplace.rules.SourceDescriptor;
import io.devplace.rules.TargetOffer;
import io.devplace.rules.TypeInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fleet resolved against the rule packs: every parent governed and placed, every VM device linked to its mdev, and
 * the load each host carries. Built once per fleet and shared by validate, compat, explain, planning and the service.
 */
public final class FleetView {
    private final Fleet fleet;
    private final RuleBook rules;
    private final Map<String, List<ParentView>> parentsByHost = new LinkedHashMap<>();
    private final Map<String, ParentView> parentsByKey = new HashMap<>();
    private final Map<String, List<Vm>> vmsByHost = new HashMap<>();
    private final Map<String, List<SourceDevice>> devicesByVm = new HashMap<>();
    private final Map<String, Object> descriptors;
    private final Map<String, List<TargetOffer>> offersByHost;
    private final Map<List<TargetOffer>, List<TargetOffer>> offerSets;
    private final Map<SameKey, Boolean> mayMatch;

    public FleetView(Fleet fleet, RuleBook rules) {
        this.fleet = fleet;
        this.rules = rules;
        this.descriptors = new ConcurrentHashMap<>();
        this.offersByHost = new ConcurrentHashMap<>();
        this.offerSets = new ConcurrentHashMap<>();
        this.mayMatch = new ConcurrentHashMap<>();
        Map<String, String> owners = new HashMap<>(); // host/uuid -> vm
        for (Vm vm : fleet.vms()) {
            vmsByHost.computeIfAbsent(vm.host(), h -> new ArrayList<>()).add(vm);
            for (VmDevice d : vm.devices()) owners.put(vm.host() + "/" + d.mdev().toLowerCase(), vm.name());
        }
        for (Host h : fleet.hosts()) {
            List<ParentView> list = new ArrayList<>();
            for (ParentDevice p : h.devices()) {
                GovernedParent gp = rules.govern(h, p);
                ParentCapacity cap = Capacities.of(gp);
                Map<String, String> own = new HashMap<>();
                for (Mdev m : p.mdevs()) {
                    String o = owners.get(h.name() + "/" + m.uuid().toLowerCase());
                    if (o != null) own.put(m.uuid().toLowerCase(), o);
                }
                ParentView pv = new ParentView(gp, cap, Capacities.existing(gp, cap, null, null, null), own);
                list.add(pv);
                parentsByKey.put(pv.key(), pv);
            }
            parentsByHost.put(h.name(), list);
        }
        for (Vm vm : fleet.vms()) {
            List<SourceDevice> devs = new ArrayList<>();
            for (int i = 0; i < vm.devices().size(); i++) {
                VmDevice d = vm.devices().get(i);
                for (ParentView pv : parentsByHost.getOrDefault(vm.host(), List.of())) {
                    Mdev m = pv.mdev(d.mdev());
                    if (m == null) continue;
                    TypeInfo t = pv.governed().type(m.type());
                    devs.add(new SourceDevice(i, pv, m, d, pv.governed().aggregationOf(m.type(), m.attrs()), t == null ? 0 : t.stateMiB()));
                }
            }
            devicesByVm.put(vm.name(), devs);
        }
    }

    /** A view of {@code fleet} that shares everything resolved with {@code from} (see {@link #withStates}). */
    private FleetView(FleetView from, Fleet fleet) {
        this.fleet = fleet;
        this.rules = from.rules;
        this.parentsByHost.putAll(from.parentsByHost);
        this.parentsByKey.putAll(from.parentsByKey);
        this.vmsByHost.putAll(from.vmsByHost);
        this.devicesByVm.putAll(from.devicesByVm);
        this.descriptors = from.descriptors;
        this.offersByHost = from.offersByHost;
        this.offerSets = from.offerSets;
        this.mayMatch = from.mayMatch;
    }

    /**
     * This view for {@code changed}, a copy of this fleet that differs at most in host states (a what-if sweep's
     * failure: some hosts down). Nothing resolved here depends on a host's state — governing, capacity, ownership and
     * descriptors read a host's name, attributes and devices; states are read from {@link #fleet()} — so all of it is
     * shared instead of resolved again for every failure. Any other difference: a view built from scratch.
     */
    public FleetView withStates(Fleet changed) {
        if (changed.vms() != fleet.vms() || changed.hosts().size() != fleet.hosts().size()) return new FleetView(changed, rules);
        for (int i = 0; i < changed.hosts().size(); i++) {
            Host a = fleet.hosts().get(i), b = changed.hosts().get(i);
            if (a != b && !a.equals(new Host(b.name(), b.cpus(), b.memoryMiB(), a.state(), b.labels(), b.attributes(), b.migration(), b.devices())))
                return new FleetView(changed, rules);
        }
        return new FleetView(this, changed);
    }

    public Fleet fleet() { return fleet; }

    public RuleBook rules() { return rules; }

    public List<ParentView> parents(String host) { return parentsByHost.getOrDefault(host, List.of()); }

    public ParentView parent(String host, String id) { return parentsByKey.get(host + "/" + id); }

    public List<Vm> vmsOn(String host) { return vmsByHost.getOrDefault(host, List.of()); }

    public List<SourceDevice> devices(Vm vm) { return devicesByVm.getOrDefault(vm.name(), List.of()); }

    public long usedCpus(String host) { return vmsOn(host).stream().mapToLong(Vm::cpus).sum(); }

    public long usedMemory(String host) { return vmsOn(host).stream().mapToLong(Vm::memoryMiB).sum(); }

    public boolean isTargetable(Host h) { return h.state() == HostState.ACTIVE; }

    /**
     * Whether any type any parent of {@code host} can be asked for (whatever its capacity) has an offer {@code source}
     * is compatible with. When not, no device on that host can take it: {@link Candidates} skips the host's parents.
     * Hosts with equal offers share one answer, so this costs one lookup per host instead of a match per parent and type.
     */
    public boolean mayMatch(SourceDescriptor source, String host) {
        List<TargetOffer> offers = offersByHost.computeIfAbsent(host, h -> {
            List<TargetOffer> list = new ArrayList<>();
            for (ParentView p : parents(h)) {
                for (String type : p.governed().creatableTypes()) {
                    TargetOffer o;
                    try {
                        o = p.governed().offer(type); // one instance per distinct offer (Matcher.canonical)
                    } catch (io.devplace.rules.TemplateException e) {
                        continue; // no target there (Candidates skips it the same way)
                    }
                    if (!list.contains(o)) list.add(o);
                }
            }
            return offerSets.computeIfAbsent(List.copyOf(list), l -> l);
        });
        return mayMatch.computeIfAbsent(new SameKey(source, offers), k -> {
            for (TargetOffer o : offers) if (rules.matcher().match(source, o).compatible()) return true;
            return false;
        });
    }

    /** A (descriptor, offer set) pair by reference. */
    private static final class SameKey {
        private final Object a, b;

        SameKey(Object a, Object b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public boolean equals(Object o) { return o instanceof SameKey k && k.a == a && k.b == b; }

        @Override
        public int hashCode() { return 31 * System.identityHashCode(a) + System.identityHashCode(b); }
    }

    /**
     * The instantiated descriptor of a VM's device, cached. A template error is rethrown on every call as
     * {@link io.devplace.rules.TemplateException} (validate reports it; planning treats the device as immovable).
     */
    public SourceDescriptor descriptor(Vm vm, SourceDevice d) {
        String key = vm.name() + "#" + d.index();
        Object o = descriptors.computeIfAbsent(key, k -> {
            try {
                return d.parent().governed().source(d.mdev(), d.declared().compatibility(), vm.name() + " device " + d.index());
            } catch (io.devplace.rules.TemplateException e) {
                return e;
            }
        });
        if (o instanceof io.devplace.rules.TemplateException e) throw e;
        return (SourceDescriptor) o;
    }
}
