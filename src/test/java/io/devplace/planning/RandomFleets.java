package io.devplace.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random small fleets (A16, L40S, GVT-g, mtty parents; existing VMs; groups; free mdevs) for property tests. */
final class RandomFleets {
    private RandomFleets() {}

    static String fleet(long seed, int hosts) {
        Random r = new Random(seed);
        StringBuilder h = new StringBuilder("apiVersion: devplace/v1\nkind: Fleet\nhosts:\n");
        List<String> vms = new ArrayList<>();
        int uuid = 1;
        for (int i = 0; i < hosts; i++) {
            String mgr = r.nextInt(5) == 0 ? "17.3" : "17.4";
            h.append("  - name: h").append(i).append("\n    cpus: ").append(16 + r.nextInt(64)).append("\n    memoryMiB: ").append(65536 + r.nextInt(4) * 65536)
                    .append("\n    attributes: {vgpu_manager: \"").append(mgr).append("\", libvirt: \"10.0.0\", qemu: \"8.2.2\"}\n    devices:\n");
            int parents = 1 + r.nextInt(3);
            for (int p = 0; p < parents; p++) {
                int kind = r.nextInt(4);
                String id = String.format("0000:%02x:00.0", p + 1);
                List<String[]> inst = new ArrayList<>(); // type, attrs, placement
                switch (kind) {
                    case 0 -> {
                        h.append("      - {id: \"").append(id).append("\", driver: nvidia, model: \"NVIDIA A16\"");
                        String[] types = {"nvidia-712", "nvidia-713", "nvidia-714"};
                        int[] max = {8, 4, 2};
                        int t = r.nextInt(3), n = r.nextInt(max[t] + 1);
                        for (int k = 0; k < n; k++) inst.add(new String[]{types[t], null, null});
                    }
                    case 1 -> {
                        h.append("      - {id: \"").append(id).append("\", driver: nvidia, model: \"NVIDIA L40S\"");
                        int off = 0;
                        while (off < 48 && r.nextInt(3) > 0) {
                            int size = new int[]{4, 8, 16}[r.nextInt(3)];
                            off = nextL40sStart(size, off);
                            if (off < 0) break;
                            inst.add(new String[]{size == 4 ? "nvidia-1150" : size == 8 ? "nvidia-1152" : "nvidia-1154", null, String.valueOf(off)});
                            off += size + (r.nextBoolean() ? size : 0);
                        }
                    }
                    case 2 -> {
                        h.append("      - {id: \"").append(id).append("\", driver: i915, model: \"Intel UHD 630\", attributes: {gvt_version: \"1.")
                                .append(r.nextInt(2)).append("\"}");
                        int units = 0;
                        while (units < 8 && r.nextBoolean()) {
                            boolean four = r.nextBoolean();
                            int need = four ? 2 : 1;
                            if (units + need > 8) break;
                            inst.add(new String[]{four ? "i915-GVTg_V5_4" : "i915-GVTg_V5_8", four ? null : (r.nextInt(4) == 0 ? "2" : null), null});
                            units += need * (inst.get(inst.size() - 1)[1] != null ? 2 : 1);
                        }
                        if (units > 8) inst.remove(inst.size() - 1);
                    }
                    default -> {
                        h.append("      - {id: mtty").append(p).append(", driver: mtty");
                        int ports = 0;
                        while (ports < 20 && r.nextBoolean()) {
                            boolean two = r.nextBoolean();
                            inst.add(new String[]{two ? "mtty-2" : "mtty-1", null, null});
                            ports += two ? 2 : 1;
                        }
                    }
                }
                if (inst.isEmpty()) { h.append("}\n"); continue; }
                h.append(", mdevs: [");
                for (int k = 0; k < inst.size(); k++) {
                    String u = Fixtures.uuid(uuid++);
                    String[] in = inst.get(k);
                    h.append(k == 0 ? "" : ", ").append("{uuid: \"").append(u).append("\", type: ").append(in[0]);
                    if (in[1] != null) h.append(", attrs: [{aggregator: \"").append(in[1]).append("\"}]");
                    if (in[2] != null) h.append(", placement: ").append(in[2]);
                    h.append('}');
                    if (r.nextInt(6) > 0) { // most instances are owned
                        String groups = r.nextInt(5) == 0 ? ", groups: [g" + r.nextInt(2) + "]" : "";
                        String live = r.nextInt(10) == 0 ? ", liveMigratable: false" : "";
                        vms.add("  - {name: vm" + u.substring(u.length() - 4) + ", host: h" + i + ", cpus: " + (1 + r.nextInt(4)) + ", memoryMiB: "
                                + (1024 * (1 + r.nextInt(8))) + ", priority: " + r.nextInt(3) * 50 + groups + live + ", devices: [{mdev: \"" + u + "\"}]}");
                    }
                }
                h.append("]}\n");
            }
        }
        h.append("vms:\n");
        for (String v : vms) h.append(v).append('\n');
        if (vms.isEmpty()) h.setLength(h.length() - "vms:\n".length());
        return h.toString();
    }

    /** The first L40S placement ID of a 4Q, 8Q or 16Q at or after {@code from} (rules/11-nvidia-l40s-mixed-size.yaml), or -1. */
    static int nextL40sStart(int size, int from) {
        int[] ids = size == 4 ? new int[]{0, 8, 12, 20, 24, 32, 36, 44} : size == 8 ? new int[]{0, 16, 24, 40} : new int[]{0, 32};
        for (int o : ids) if (o >= from) return o;
        return -1;
    }
}
