package io.devplace.solver;

import io.devplace.model.Fleet;
import io.devplace.model.FleetReader;
import io.devplace.model.Host;
import io.devplace.model.MoveMode;
import io.devplace.model.Policy;
import io.devplace.model.Vm;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.FleetView;
import io.devplace.problem.FreeMdev;
import io.devplace.problem.ParentView;
import io.devplace.problem.PlacementOption;
import io.devplace.problem.PlanRequest;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.ProblemBuilder;
import io.devplace.problem.SourceDevice;
import io.devplace.problem.VmRequest;
import io.devplace.rules.LoadedPack;
import io.devplace.rules.RuleBook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Small fleets for solver tests, turned into planning values the way {@code devplace plan} does it: YAML checked by
 * {@link FleetReader}, governed by the bundled rule packs (plus any test packs), then {@link ProblemBuilder#build}.
 * The lookups pick a VM's request and option by host and parent, so a test reads like the plan it describes, and fail
 * with the options that do exist when the wanted one does not.
 */
final class TestFleets {
    /**
     * Parents no pack governs: t1 takes two small or one large, t2 one small or one large (one new type per parent);
     * on src a large VM and two small ones to evacuate; t2 with {@code t2Cpus} CPUs (each VM needs 2).
     */
    static String noPack(int t2Cpus) {
        return """
                hosts:
                  - name: src
                    cpus: 64
                    memoryMiB: 262144
                    devices:
                      - {id: s0, driver: acme, supportedTypes: {acme-l: {availableInstances: 1, deviceApi: vfio-pci}}, mdevs: [{uuid: "%1$s", type: acme-l}]}
                      - {id: s1, driver: acme, supportedTypes: {acme-s: {availableInstances: 1, deviceApi: vfio-pci}}, mdevs: [{uuid: "%2$s", type: acme-s}]}
                      - {id: s2, driver: acme, supportedTypes: {acme-s: {availableInstances: 1, deviceApi: vfio-pci}}, mdevs: [{uuid: "%3$s", type: acme-s}]}
                  - {name: t1, cpus: 64, memoryMiB: 262144, devices: [{id: d0, driver: acme, supportedTypes: {acme-s: {availableInstances: 2, deviceApi: vfio-pci}, acme-l: {availableInstances: 1, deviceApi: vfio-pci}}}]}
                  - {name: t2, cpus: %4$d, memoryMiB: 262144, devices: [{id: d0, driver: acme, supportedTypes: {acme-s: {availableInstances: 1, deviceApi: vfio-pci}, acme-l: {availableInstances: 1, deviceApi: vfio-pci}}}]}
                vms:
                  - {name: large, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: "%1$s"}]}
                  - {name: small1, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: "%2$s"}]}
                  - {name: small2, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: "%3$s"}]}
                """.formatted(testUuid(1), testUuid(2), testUuid(3), t2Cpus);
    }

    /** {@link #noPack} stuck: large on t1, small1 on t2, small2 unplaced; every VM placed means large on t2, both small on t1. */
    static Evacuation noPackStuck(PlanningProblem p) {
        Evacuation e = Planner.toSolution(p);
        for (VmPlacement v : e.getPlacements()) {
            if (v.getId().equals("large")) v.setOption(option(p, "large", "t1", "d0"));
            if (v.getId().equals("small1")) v.setOption(option(p, "small1", "t2", "d0"));
        }
        return e;
    }

    /** The VM named {@code name} in {@code e}. */
    static VmPlacement vm(Evacuation e, String name) {
        return e.getPlacements().stream().filter(v -> v.getId().equals(name)).findFirst().orElseThrow();
    }

    private static String testUuid(int n) { return String.format("00000000-0000-4000-8000-%012d", n); }

    private TestFleets() {}

    /** Host attributes under which the bundled NVIDIA packs' {@code requires} hold (libvirt >= 8.6, qemu >= 8.1). */
    static final String NVIDIA_OK = "{vgpu_manager: \"17.4\", libvirt: \"10.0.0\", qemu: \"8.2.2\"}";

    /** Host attributes whose libvirt is too old for VFIO migration under the bundled NVIDIA packs. */
    static final String NVIDIA_OLD_LIBVIRT = "{vgpu_manager: \"17.4\", libvirt: \"8.0.0\", qemu: \"8.2.2\"}";

    // ---- documents

    /** A Fleet document from its {@code hosts:} and {@code vms:} sections (the header is added). */
    static Fleet fleet(String body) {
        String yaml = "apiVersion: devplace/v1\nkind: Fleet\n" + body;
        return FleetReader.parse("test.yaml", yaml.getBytes(UTF_8)).value();
    }

    static FleetView view(String body) { return view(body, RuleBook.bundledOnly()); }

    static FleetView view(String body, RuleBook rules) { return new FleetView(fleet(body), rules); }

    /** The bundled packs with test packs (whole RulePack documents) tried first, as {@code --rules DIR} would be. */
    static RuleBook bundledPlus(String... packs) {
        List<LoadedPack> all = new ArrayList<>();
        for (int i = 0; i < packs.length; i++) all.add(RuleBook.parse("test-pack-" + i + ".yaml", packs[i].getBytes(UTF_8)));
        all.addAll(RuleBook.bundled());
        return new RuleBook(all);
    }

    // ---- policy and problem

    static PolicyBuilder policy() { return new PolicyBuilder(); }

    static PlanningProblem problem(FleetView view, Policy policy, String... evacuate) {
        return ProblemBuilder.build(view, new PlanRequest(List.of(evacuate), policy));
    }

    /** The policy switches that change which VMs move and which options exist; everything else is the default. */
    static final class PolicyBuilder {
        private boolean allowCold;
        private boolean allowRebalance;
        private boolean removeFreeMdevs;
        private long maxDowntimeMs;

        PolicyBuilder allowCold() { allowCold = true; return this; }

        PolicyBuilder allowRebalance() { allowRebalance = true; return this; }

        PolicyBuilder removeFreeMdevs() { removeFreeMdevs = true; return this; }

        PolicyBuilder maxDowntimeMs(long ms) { maxDowntimeMs = ms; return this; }

        Policy build() {
            Policy d = Policy.defaults();
            return new Policy(d.apiVersion(), d.kind(), d.maxParallel(), d.maxPerHost(), d.bandwidthMiBps(), allowCold,
                    allowRebalance, removeFreeMdevs, maxDowntimeMs, d.spread(), d.antiAffinity(), d.timeLimit(), d.weights());
        }
    }

    // ---- requests and options the builder made

    static VmRequest request(PlanningProblem p, String vm) {
        for (VmRequest r : p.requests()) if (r.name().equals(vm)) return r;
        throw new IllegalArgumentException("no request for " + vm + "; requests: "
                + p.requests().stream().map(VmRequest::name).toList());
    }

    /**
     * The option that puts {@code vm} on {@code host} creating a new instance for each source device, in order, on the
     * given parents (none for a VM without devices).
     */
    static PlacementOption option(PlanningProblem p, String vm, String host, String... parents) {
        VmRequest r = request(p, vm);
        for (PlacementOption o : r.options()) {
            if (!o.hostName().equals(host) || o.targets().size() != parents.length) continue;
            boolean match = true;
            for (int i = 0; i < parents.length; i++) {
                DeviceTarget t = o.targets().get(i);
                match &= !t.reuses() && t.parent().id().equals(parents[i]);
            }
            if (match) return o;
        }
        throw missing(r, "creating on " + host + " " + Arrays.toString(parents));
    }

    /** The option that puts single-device {@code vm} on {@code host} reusing the free mdev {@code uuid}. */
    static PlacementOption reuseOption(PlanningProblem p, String vm, String host, String uuid) {
        VmRequest r = request(p, vm);
        for (PlacementOption o : r.options())
            if (o.hostName().equals(host) && o.targets().size() == 1 && uuid.equals(o.targets().get(0).reuseUuid())) return o;
        throw missing(r, "reusing " + uuid + " on " + host);
    }

    private static IllegalArgumentException missing(VmRequest r, String what) {
        return new IllegalArgumentException("no option for " + r.name() + " " + what + "; options: "
                + r.options().stream().map(PlacementOption::toString).collect(Collectors.joining(", "))
                + "; ruled out: " + r.ruledOut());
    }

    /** {@code vm} placed by {@link #option}. */
    static VmPlacement placed(PlanningProblem p, String vm, String host, String... parents) {
        return new VmPlacement(request(p, vm), option(p, vm, host, parents));
    }

    /** {@code vm} placed by {@link #reuseOption}. */
    static VmPlacement reusing(PlanningProblem p, String vm, String host, String uuid) {
        return new VmPlacement(request(p, vm), reuseOption(p, vm, host, uuid));
    }

    /** {@code vm} without a value: an evacuee left unplaced, or a rebalance candidate that stays. */
    static VmPlacement unassigned(PlanningProblem p, String vm) { return new VmPlacement(request(p, vm)); }

    /** The removal decision for free mdev {@code uuid} on {@code host} (the problem lists it only with removeFreeMdevs). */
    static FreeMdevRemoval removal(PlanningProblem p, String host, String uuid, boolean remove) {
        for (FreeMdev f : p.freeMdevs())
            if (f.parent().host().name().equals(host) && f.uuid().equalsIgnoreCase(uuid)) return new FreeMdevRemoval(f, remove);
        throw new IllegalArgumentException("no free mdev " + uuid + " on " + host + "; free: "
                + p.freeMdevs().stream().map(f -> f.parent() + "/" + f.uuid()).toList());
    }

    /** {@code entities} plus the problem's facts about group members that stay, for the anti-affinity constraints. */
    static Object[] withStayingMembers(PlanningProblem p, Object... entities) {
        List<Object> all = new ArrayList<>(p.stayingGroupMembers());
        all.addAll(List.of(entities));
        return all.toArray();
    }

    // ---- values the builder never makes (it prunes them), built the same way by hand

    /** A request for {@code vm} in a mode the builder would not give it (e.g. cold for a live-migratable VM). */
    static VmRequest requestAs(FleetView view, String vm, MoveMode mode) {
        return new VmRequest(view.fleet().vm(vm), mode, true);
    }

    /** A new instance of {@code type} on {@code host}/{@code parent} for source device {@code device} of {@code vm}. */
    static DeviceTarget newInstance(FleetView view, String vm, int device, String host, String parent, String type, String rule) {
        Vm v = view.fleet().vm(vm);
        SourceDevice src = view.devices(v).get(device);
        ParentView pv = view.parent(host, parent);
        if (pv == null) throw new IllegalArgumentException("no parent " + host + "/" + parent);
        return new DeviceTarget(src, pv, type, List.of(), 1, null, rule);
    }

    /** An option of {@code r} to {@code host}, with the downtime the builder would estimate for it (-1 unless live). */
    static PlacementOption handMade(PlanningProblem p, VmRequest r, String host, DeviceTarget... targets) {
        FleetView view = p.view();
        Host src = view.fleet().host(r.vm().host());
        Host dst = view.fleet().host(host);
        long downtime = r.mode() == MoveMode.LIVE ? ProblemBuilder.downtimeMs(view, r.vm(), src, dst, p.request().policy()) : -1;
        return new PlacementOption(r, p.hosts().get(host), List.of(targets), downtime, List.of());
    }
}
