package io.devplace.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a Fleet and checks everything that needs no rule pack (docs/reference/fleet.md): unique names, counts that are counts,
 * UUIDs that are UUIDs, and references that resolve (VM → host, VM device → mdev on that host, each mdev owned at
 * most once). All problems are reported together, each with file, path and line/column.
 */
public final class FleetReader {
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private FleetReader() {}

    public static Documents.Parsed<Fleet> read(String file) {
        return check(Documents.read(file, "Fleet", Fleet.class));
    }

    public static Documents.Parsed<Fleet> parse(String file, byte[] bytes) {
        return check(Documents.parse(file, bytes, "Fleet", Fleet.class));
    }

    public static Documents.Parsed<Fleet> check(Documents.Parsed<Fleet> d) {
        List<InputProblem> problems = problems(d.value(), d.locations());
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        return d;
    }

    public static boolean isUuid(String s) { return s != null && UUID.matcher(s).matches(); }

    static List<InputProblem> problems(Fleet f, Locations loc) {
        List<InputProblem> out = new ArrayList<>();
        Map<String, Integer> hostIndex = new HashMap<>();
        for (int h = 0; h < f.hosts().size(); h++) {
            Host host = f.hosts().get(h);
            String hp = "hosts[" + h + "]";
            if (host == null) { out.add(loc.problem(hp, "expected a host mapping")); continue; }
            if (host.name() == null || host.name().isBlank()) out.add(loc.problem(hp + ".name", "expected a host name"));
            else if (hostIndex.putIfAbsent(host.name(), h) != null)
                out.add(loc.problem(hp + ".name", "duplicate host name '" + host.name() + "' (first at hosts[" + hostIndex.get(host.name()) + "])"));
            count(out, loc, hp + ".cpus", host.cpus());
            count(out, loc, hp + ".memoryMiB", host.memoryMiB());
            if (host.migration() != null) {
                count(out, loc, hp + ".migration.bandwidthMiBps", host.migration().bandwidthMiBps());
                count(out, loc, hp + ".migration.maxInbound", host.migration().maxInbound());
                count(out, loc, hp + ".migration.maxOutbound", host.migration().maxOutbound());
                if (host.migration().bandwidthMiBps() != null && host.migration().bandwidthMiBps() == 0)
                    out.add(loc.problem(hp + ".migration.bandwidthMiBps", "expected a bandwidth above 0"));
            }
            Set<String> parentIds = new HashSet<>();
            Set<String> uuids = new HashSet<>();
            for (int p = 0; p < host.devices().size(); p++) {
                ParentDevice pd = host.devices().get(p);
                String pp = hp + ".devices[" + p + "]";
                if (pd == null) { out.add(loc.problem(pp, "expected a parent device mapping")); continue; }
                if (pd.id() == null || pd.id().isBlank()) out.add(loc.problem(pp + ".id", "expected a parent id such as 0000:3b:00.0"));
                else if (!parentIds.add(pd.id())) out.add(loc.problem(pp + ".id", "duplicate parent id '" + pd.id() + "' on host " + host.name()));
                if (pd.driver() == null || pd.driver().isBlank()) out.add(loc.problem(pp + ".driver", "expected the parent driver (e.g. nvidia, i915, mtty)"));
                count(out, loc, pp + ".numaNode", pd.numaNode());
                count(out, loc, pp + ".iommuGroup", pd.iommuGroup());
                for (var st : pd.supportedTypes().entrySet()) {
                    String sp = Locations.child(pp + ".supportedTypes", st.getKey());
                    if (st.getValue() == null) { out.add(loc.problem(sp, "expected a mapping")); continue; }
                    count(out, loc, sp + ".availableInstances", st.getValue().availableInstances());
                }
                for (int m = 0; m < pd.mdevs().size(); m++) {
                    Mdev md = pd.mdevs().get(m);
                    String mp = pp + ".mdevs[" + m + "]";
                    if (md == null) { out.add(loc.problem(mp, "expected an mdev mapping")); continue; }
                    if (!isUuid(md.uuid())) out.add(loc.problem(mp + ".uuid", "expected a UUID like 3b0c7a6e-0c59-4f0d-9b70-8a3f1d2e4c11 but got "
                            + (md.uuid() == null ? "nothing" : "'" + md.uuid() + "'")));
                    else if (!uuids.add(md.uuid().toLowerCase())) out.add(loc.problem(mp + ".uuid", "duplicate mdev uuid " + md.uuid() + " on host " + host.name()));
                    if (md.type() == null || md.type().isBlank()) out.add(loc.problem(mp + ".type", "expected the mdev type id (e.g. nvidia-749)"));
                    count(out, loc, mp + ".iommuGroup", md.iommuGroup());
                    count(out, loc, mp + ".placement", md.placement());
                    if (md.start() != null && !Mdev.STARTS.contains(md.start()))
                        out.add(loc.problem(mp + ".start", "expected auto or manual (as mdevctl writes it) but got '" + md.start() + "'"));
                    for (int a = 0; a < md.attrs().size(); a++)
                        if (md.attrs().get(a) == null || md.attrs().get(a).size() != 1 || md.attrs().get(a).containsValue(null))
                            out.add(loc.problem(mp + ".attrs[" + a + "]", "expected a one-key mapping like {aggregator: \"2\"}"));
                }
            }
        }
        Map<String, Integer> vmIndex = new HashMap<>();
        Map<String, String> owner = new HashMap<>(); // host/uuid -> vm
        for (int v = 0; v < f.vms().size(); v++) {
            Vm vm = f.vms().get(v);
            String vp = "vms[" + v + "]";
            if (vm == null) { out.add(loc.problem(vp, "expected a VM mapping")); continue; }
            if (vm.name() == null || vm.name().isBlank()) out.add(loc.problem(vp + ".name", "expected a VM name"));
            else if (vmIndex.putIfAbsent(vm.name(), v) != null)
                out.add(loc.problem(vp + ".name", "duplicate VM name '" + vm.name() + "' (first at vms[" + vmIndex.get(vm.name()) + "])"));
            count(out, loc, vp + ".cpus", vm.cpus());
            count(out, loc, vp + ".memoryMiB", vm.memoryMiB());
            Host host = vm.host() == null ? null : f.host(vm.host());
            if (host == null) {
                out.add(loc.problem(vp + ".host", vm.host() == null ? "expected the name of the VM's host" : "host '" + vm.host() + "' is not in hosts"));
                continue;
            }
            for (int d = 0; d < vm.devices().size(); d++) {
                VmDevice dev = vm.devices().get(d);
                String dp = vp + ".devices[" + d + "]";
                if (dev == null || dev.mdev() == null) { out.add(loc.problem(dp + ".mdev", "expected the UUID of an mdev on " + host.name())); continue; }
                if (!isUuid(dev.mdev())) { out.add(loc.problem(dp + ".mdev", "expected a UUID but got '" + dev.mdev() + "'")); continue; }
                if (dev.address() != null && (dev.address().get("type") == null || dev.address().containsValue(null)
                        || !dev.address().keySet().stream().allMatch(k -> k != null && k.matches("[A-Za-z_][A-Za-z0-9_.-]*"))))
                    out.add(loc.problem(dp + ".address", "expected the guest address as libvirt writes it, e.g. {type: pci, domain: \"0x0000\", bus: \"0x00\", slot: \"0x05\", function: \"0x0\"}"));
                boolean found = false;
                for (ParentDevice pd : host.devices())
                    for (Mdev m : pd.mdevs()) found |= m != null && dev.mdev().equalsIgnoreCase(m.uuid());
                if (!found) { out.add(loc.problem(dp + ".mdev", "mdev " + dev.mdev() + " does not exist on host " + host.name())); continue; }
                String prev = owner.putIfAbsent(host.name() + "/" + dev.mdev().toLowerCase(), vm.name());
                if (prev != null) out.add(loc.problem(dp + ".mdev", "mdev " + dev.mdev() + " is already owned by VM " + prev));
            }
        }
        return out;
    }

    private static void count(List<InputProblem> out, Locations loc, String path, Long v) {
        if (v != null && v < 0) out.add(loc.problem(path, "expected a count >= 0 but got " + v));
    }

    private static void count(List<InputProblem> out, Locations loc, String path, long v) {
        if (v < 0) out.add(loc.problem(path, "expected a count >= 0 but got " + v));
    }
}
