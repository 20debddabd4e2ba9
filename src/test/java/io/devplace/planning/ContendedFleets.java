package io.devplace.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random small fleets where the evacuees compete for little room: one host to empty (h0) with 2-7 VMs, two or three
 * targets with one or two parents of at most two families per fleet (A16 exclusive type with counters and instance
 * limits, L40S slots, GVT-g pool with aggregation, mbochs pool, mdpy instance count, a parent no pack governs), partly
 * filled by staying VMs and free mdevs; priorities, anti-affinity groups, two-device VMs, tight CPU.
 */
final class ContendedFleets {
    private ContendedFleets() {}

    private static final String ATTRS = "{vgpu_manager: \"17.4\", libvirt: \"10.0.0\", qemu: \"8.2.2\"}";

    static String fleet(long seed) {
        Random r = new Random(seed);
        int[] families = {r.nextInt(6), r.nextInt(6)};
        StringBuilder h = new StringBuilder("apiVersion: devplace/v1\nkind: Fleet\nhosts:\n");
        List<String> vms = new ArrayList<>();
        int[] uuid = {1};
        int evacuees = 2 + r.nextInt(6);
        // h0: one parent per evacuee device, so its current state is valid whatever the types
        StringBuilder h0 = new StringBuilder("  - name: h0\n    cpus: 256\n    memoryMiB: 1048576\n    attributes: " + ATTRS + "\n    devices:\n");
        int parentNo = 0;
        for (int v = 0; v < evacuees; v++) {
            int devices = r.nextInt(6) == 0 ? 2 : 1;
            StringBuilder devs = new StringBuilder();
            for (int d = 0; d < devices; d++) {
                int fam = families[r.nextInt(2)];
                String[] inst = instance(fam, r);
                String u = Fixtures.uuid(uuid[0]++);
                h0.append(parent(fam, String.format("0000:%02x:00.0", ++parentNo), r)).append(", mdevs: [").append(mdev(u, inst)).append("]}\n");
                devs.append(d == 0 ? "" : ", ").append("{mdev: \"").append(u).append("\"}");
            }
            vms.add("  - {name: e" + v + ", host: h0, cpus: " + (1 + r.nextInt(6)) + ", memoryMiB: " + 1024 * (1 + r.nextInt(4))
                    + ", priority: " + (r.nextInt(3) == 0 ? 100 : 0) + (r.nextInt(4) == 0 ? ", groups: [g0]" : "")
                    + ", devices: [" + devs + "]}");
        }
        h.append(h0);
        int targets = 2 + r.nextInt(2);
        for (int t = 1; t <= targets; t++) {
            h.append("  - name: h").append(t).append("\n    cpus: ").append(4 + r.nextInt(14)).append("\n    memoryMiB: 65536\n    attributes: ")
                    .append(ATTRS).append("\n    devices:\n");
            int parents = 1 + r.nextInt(2);
            for (int p = 0; p < parents; p++) {
                int fam = families[r.nextInt(2)];
                h.append(parent(fam, String.format("0000:%02x:00.0", p + 1), r));
                List<String[]> present = fill(fam, r);
                if (!present.isEmpty()) {
                    h.append(", mdevs: [");
                    for (int k = 0; k < present.size(); k++) {
                        String u = Fixtures.uuid(uuid[0]++);
                        h.append(k == 0 ? "" : ", ").append(mdev(u, present.get(k)));
                        if (r.nextInt(4) > 0)
                            vms.add("  - {name: s" + u.substring(u.length() - 3) + ", host: h" + t + ", cpus: 1, memoryMiB: 1024"
                                    + (r.nextInt(5) == 0 ? ", groups: [g0]" : "") + ", devices: [{mdev: \"" + u + "\"}]}");
                    }
                    h.append(']');
                }
                h.append("}\n");
            }
        }
        h.append("vms:\n");
        for (String v : vms) h.append(v).append('\n');
        return h.toString();
    }

    private static String parent(int fam, String id, Random r) {
        return switch (fam) {
            case 0 -> "      - {id: \"" + id + "\", driver: nvidia, model: \"NVIDIA A16\"";
            case 1 -> "      - {id: \"" + id + "\", driver: nvidia, model: \"NVIDIA L40S\"";
            case 2 -> "      - {id: \"" + id + "\", driver: i915, model: \"Intel UHD 630\", attributes: {gvt_version: \"1.0\"}";
            case 3 -> "      - {id: \"" + id + "\", driver: mbochs";
            case 4 -> "      - {id: \"" + id + "\", driver: mdpy";
            default -> "      - {id: \"" + id + "\", driver: acme, model: X, supportedTypes: {acme-s: {availableInstances: " + (1 + r.nextInt(3))
                    + ", deviceApi: vfio-pci}, acme-l: {availableInstances: " + (1 + r.nextInt(2)) + ", deviceApi: vfio-pci}}";
        };
    }

    /** One evacuee device of the family: type, aggregator (or null), placement (null). */
    private static String[] instance(int fam, Random r) {
        return switch (fam) {
            case 0 -> new String[]{new String[]{"nvidia-712", "nvidia-713", "nvidia-714"}[r.nextInt(3)], null, null};
            case 1 -> new String[]{new String[]{"nvidia-1150", "nvidia-1152", "nvidia-1154"}[r.nextInt(3)], null, null};
            case 2 -> r.nextBoolean() ? new String[]{"i915-GVTg_V5_4", null, null}
                    : new String[]{"i915-GVTg_V5_8", r.nextInt(3) == 0 ? "2" : null, null};
            case 3 -> new String[]{new String[]{"mbochs-1", "mbochs-2", "mbochs-3"}[r.nextInt(3)], null, null};
            case 4 -> new String[]{new String[]{"mdpy-vga", "mdpy-xga"}[r.nextInt(2)], null, null};
            default -> new String[]{r.nextBoolean() ? "acme-s" : "acme-l", null, null};
        };
    }

    /** What a target parent already holds, within its capacity. */
    private static List<String[]> fill(int fam, Random r) {
        List<String[]> out = new ArrayList<>();
        switch (fam) {
            case 0 -> {
                String[] types = {"nvidia-712", "nvidia-713", "nvidia-714"};
                int[] max = {8, 4, 2};
                int t = r.nextInt(3), n = r.nextInt(max[t]);
                for (int k = 0; k < n; k++) out.add(new String[]{types[t], null, null});
            }
            case 1 -> {
                int off = 0;
                while (off < 48 && r.nextInt(3) > 0) {
                    int size = new int[]{4, 8, 16}[r.nextInt(3)];
                    off = RandomFleets.nextL40sStart(size, off);
                    if (off < 0) break;
                    out.add(new String[]{size == 4 ? "nvidia-1150" : size == 8 ? "nvidia-1152" : "nvidia-1154", null, String.valueOf(off)});
                    off += size + (r.nextBoolean() ? size : 0);
                }
            }
            case 2 -> {
                int units = r.nextInt(7);
                for (; units >= 2; units -= 2) out.add(new String[]{"i915-GVTg_V5_4", null, null});
            }
            case 3 -> {
                int mb = 0;
                while (r.nextInt(4) > 0) {
                    int k = r.nextInt(3);
                    int need = new int[]{4, 16, 64}[k];
                    if (mb + need > 200) break;
                    mb += need;
                    out.add(new String[]{"mbochs-" + (k + 1), null, null});
                }
            }
            case 4 -> {
                int n = r.nextInt(4);
                for (int k = 0; k < n; k++) out.add(new String[]{"mdpy-vga", null, null});
            }
            default -> { } // observed capacity already accounts for what exists
        }
        return out;
    }

    private static String mdev(String u, String[] in) {
        StringBuilder b = new StringBuilder("{uuid: \"").append(u).append("\", type: ").append(in[0]);
        if (in[1] != null) b.append(", attrs: [{aggregator: \"").append(in[1]).append("\"}]");
        if (in[2] != null) b.append(", placement: ").append(in[2]);
        return b.append('}').toString();
    }
}
