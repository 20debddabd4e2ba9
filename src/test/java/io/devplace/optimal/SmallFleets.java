package io.devplace.optimal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random small fleets for the exhaustive-search agreement property: one or two hosts to evacuate holding at
 * most ten VMs, two or three target hosts with residents and little room, and every capacity model a parent can have —
 * A16 (counters + exclusive type + maxInstances), L40S (placement slots), Intel GVT-g (counters with aggregation, and
 * cross-type targets), a test pack of counters with tight {@code maxInstances}, and parents governed by no pack
 * (observed {@code availableInstances}, one new type per parent). VMs carry priorities and anti-affinity groups.
 *
 * <p>Each source device sits alone on its own parent of the evacuated host, so the sources are within capacity by
 * construction; the targets' residents are generated within each model's capacity by the same simple rules the packs
 * state (the fleet reader and the planner's checks would reject anything else).
 */
final class SmallFleets {
    private SmallFleets() {}

    /** Counters with tight per-type instance limits, no exclusivity, built-in default compatibility. */
    static final String CAPPED_PACK = """
            apiVersion: devplace/v1
            kind: RulePack
            name: test-capped
            match: {driver: capped}
            capacity:
              counters: {units: 6}
            types:
              capped-1: {deviceApi: vfio-pci, consumes: {units: 1}, maxInstances: 3, stateMiB: 1}
              capped-2: {deviceApi: vfio-pci, consumes: {units: 2}, maxInstances: 2, stateMiB: 1}
            """;

    /** One generated case: the fleet, the hosts to evacuate, and whether the policy lets free mdevs be removed. */
    record Case(long seed, String yaml, List<String> evacuate, boolean removeFreeMdevs) {}

    private enum Kind { A16, L40S, GVT, CAPPED, NOPACK }

    private static final String VERSIONS = "libvirt: \"10.0.0\", qemu: \"8.2.2\"";

    static Case generate(long seed) {
        Random r = new Random(seed);
        Gen g = new Gen(r);
        // which device kinds this fleet uses: one to three, so that evacuees compete for the same parents
        List<Kind> kinds = new ArrayList<>(List.of(Kind.values()));
        java.util.Collections.shuffle(kinds, r);
        kinds = kinds.subList(0, 1 + r.nextInt(3));
        int targets = 2 + r.nextInt(2);
        for (int t = 0; t < targets; t++) g.target("t" + t, kinds);
        int sources = r.nextInt(4) == 0 ? 2 : 1;
        int evacuees = 3 + r.nextInt(8); // 3..10
        for (int s = 0; s < sources; s++) g.source("src" + s, kinds, s == sources - 1 ? evacuees - (sources - 1) * (evacuees / sources) : evacuees / sources);
        List<String> evac = new ArrayList<>();
        for (int s = 0; s < sources; s++) evac.add("src" + s);
        return new Case(seed, g.yaml(), evac, r.nextBoolean());
    }

    private static final class Gen {
        final Random r;
        final StringBuilder hosts = new StringBuilder();
        final List<String> vms = new ArrayList<>();
        int uuid = 1, vm = 1;

        Gen(Random r) { this.r = r; }

        String uuid() { return String.format("00000000-0000-4000-8000-%012d", uuid++); }

        String groups() {
            return r.nextInt(4) == 0 ? ", groups: [g" + r.nextInt(2) + "]" : "";
        }

        void target(String name, List<Kind> kinds) {
            int parents = 1 + r.nextInt(2);
            StringBuilder devs = new StringBuilder();
            long cpus = 0, mem = 0;
            String mgr = r.nextInt(8) == 0 ? "17.3" : "17.4";
            for (int p = 0; p < parents; p++) {
                Kind k = kinds.get(r.nextInt(kinds.size()));
                List<String[]> inst = new ArrayList<>(); // type, aggregator or null, placement or null
                String head = parentHead(k, String.format("0000:%02x:00.0", p + 1), r.nextInt(6) == 0 ? "2.0" : "2.1");
                switch (k) {
                    case A16 -> {
                        String[] types = {"nvidia-712", "nvidia-713", "nvidia-714", "nvidia-715"};
                        int[] max = {8, 4, 2, 1};
                        int t = r.nextInt(4), n = r.nextInt(max[t] + 1);
                        for (int i = 0; i < n; i++) inst.add(new String[]{types[t], null, null});
                    }
                    case L40S -> {
                        boolean[] used = new boolean[48];
                        int tries = r.nextInt(5);
                        for (int i = 0; i < tries; i++) {
                            int size = new int[]{8, 16, 24}[r.nextInt(3)];
                            // a placement ID of the profile (rules/11-nvidia-l40s-mixed-size.yaml)
                            int[] ids = size == 8 ? new int[]{0, 16, 24, 40} : size == 16 ? new int[]{0, 32} : new int[]{0, 24};
                            int off = ids[r.nextInt(ids.length)];
                            boolean free = true;
                            for (int j = off; j < off + size; j++) free &= !used[j];
                            if (!free) continue;
                            for (int j = off; j < off + size; j++) used[j] = true;
                            inst.add(new String[]{l40sType(size), null, Integer.toString(off)});
                        }
                    }
                    case GVT -> {
                        int units = 0, tries = r.nextInt(4);
                        for (int i = 0; i < tries; i++) {
                            boolean four = r.nextBoolean();
                            int aggr = r.nextInt(3) == 0 ? 2 : 1;
                            int need = (four ? 2 : 1) * aggr;
                            if (units + need > 8) break;
                            units += need;
                            inst.add(new String[]{four ? "i915-GVTg_V5_4" : "i915-GVTg_V5_8", aggr == 1 ? null : "2", null});
                        }
                    }
                    case CAPPED -> {
                        int ones = r.nextInt(3), twos = r.nextInt(2);
                        for (int i = 0; i < ones; i++) inst.add(new String[]{"capped-1", null, null});
                        for (int i = 0; i < twos; i++) inst.add(new String[]{"capped-2", null, null});
                    }
                    case NOPACK -> {
                        // sysfs' availableInstances already accounts for what exists
                        int s = r.nextInt(4), l = r.nextInt(3);
                        head = head + ", supportedTypes: {acme-s: {availableInstances: " + s + ", deviceApi: vfio-pci}, acme-l: {availableInstances: "
                                + l + ", deviceApi: vfio-pci}}";
                        if (r.nextInt(3) == 0) inst.add(new String[]{r.nextBoolean() ? "acme-s" : "acme-l", null, null});
                    }
                }
                devs.append("      - {").append(head);
                if (!inst.isEmpty()) {
                    devs.append(", mdevs: [");
                    for (int i = 0; i < inst.size(); i++) {
                        String[] in = inst.get(i);
                        String u = uuid();
                        devs.append(i == 0 ? "" : ", ").append("{uuid: \"").append(u).append("\", type: ").append(in[0]);
                        if (in[1] != null) devs.append(", attrs: [{aggregator: \"").append(in[1]).append("\"}]");
                        if (in[2] != null) devs.append(", placement: ").append(in[2]);
                        devs.append('}');
                        if (r.nextInt(5) > 0) { // most are owned by a resident; the rest are free mdevs
                            long c = 1 + r.nextInt(4), m = 1024L * (1 + r.nextInt(4));
                            cpus += c;
                            mem += m;
                            vms.add("  - {name: res" + vm++ + ", host: " + name + ", cpus: " + c + ", memoryMiB: " + m + groups()
                                    + ", devices: [{mdev: \"" + u + "\"}]}");
                        }
                    }
                    devs.append(']');
                }
                devs.append("}\n");
            }
            // little CPU and memory slack: sometimes only room for one or two more VMs
            long cpuCap = cpus + 2 + r.nextInt(r.nextBoolean() ? 6 : 20);
            long memCap = mem + 1024L * (2 + r.nextInt(r.nextBoolean() ? 6 : 20));
            hosts.append("  - name: ").append(name).append("\n    cpus: ").append(cpuCap).append("\n    memoryMiB: ").append(memCap)
                    .append("\n    attributes: {vgpu_manager: \"").append(mgr).append("\", ").append(VERSIONS).append("}\n    devices:\n").append(devs);
        }

        void source(String name, List<Kind> kinds, int evacuees) {
            StringBuilder devs = new StringBuilder();
            int parent = 1;
            for (int e = 0; e < evacuees; e++) {
                int nDev = r.nextInt(10) == 0 ? 0 : r.nextInt(8) == 0 ? 2 : 1;
                StringBuilder vmDevs = new StringBuilder();
                for (int d = 0; d < nDev; d++) {
                    Kind k = kinds.get(r.nextInt(kinds.size()));
                    String u = uuid();
                    String id = String.format("0000:%02x:00.0", parent++);
                    String head = parentHead(k, id, "2.1");
                    String mdev = switch (k) {
                        case A16 -> "type: " + new String[]{"nvidia-712", "nvidia-713", "nvidia-714", "nvidia-715"}[r.nextInt(4)];
                        case L40S -> "type: " + l40sType(new int[]{8, 16, 24}[r.nextInt(3)]) + ", placement: 0";
                        case GVT -> r.nextBoolean() ? "type: i915-GVTg_V5_4" + (r.nextInt(3) == 0 ? ", attrs: [{aggregator: \"2\"}]" : "")
                                : "type: i915-GVTg_V5_8" + (r.nextInt(3) == 0 ? ", attrs: [{aggregator: \"2\"}]" : "");
                        case CAPPED -> "type: capped-" + (1 + r.nextInt(2));
                        case NOPACK -> {
                            head = head + ", supportedTypes: {acme-s: {availableInstances: 0, deviceApi: vfio-pci}, acme-l: {availableInstances: 0, deviceApi: vfio-pci}}";
                            yield "type: acme-" + (r.nextBoolean() ? "s" : "l");
                        }
                    };
                    devs.append("      - {").append(head).append(", mdevs: [{uuid: \"").append(u).append("\", ").append(mdev).append("}]}\n");
                    vmDevs.append(d == 0 ? "" : ", ").append("{mdev: \"").append(u).append("\"}");
                }
                String live = r.nextInt(15) == 0 ? ", liveMigratable: false" : "";
                vms.add("  - {name: vm" + vm++ + ", host: " + name + ", cpus: " + (1 + r.nextInt(6)) + ", memoryMiB: " + 1024L * (1 + r.nextInt(6))
                        + ", priority: " + new int[]{0, 0, 50, 100}[r.nextInt(4)] + groups() + live + ", devices: [" + vmDevs + "]}");
            }
            hosts.append("  - name: ").append(name).append("\n    cpus: 128\n    memoryMiB: 524288\n    attributes: {vgpu_manager: \"17.4\", ")
                    .append(VERSIONS).append("}\n    devices:\n").append(devs.isEmpty() ? "      []\n" : devs);
        }

        String yaml() {
            return "apiVersion: devplace/v1\nkind: Fleet\nhosts:\n" + hosts.toString().replace("    devices:\n      []\n", "    devices: []\n")
                    + "vms:\n" + String.join("\n", vms) + "\n";
        }

        private static String parentHead(Kind k, String id, String gvt) {
            return switch (k) {
                case A16 -> "id: \"" + id + "\", driver: nvidia, model: \"NVIDIA A16\"";
                case L40S -> "id: \"" + id + "\", driver: nvidia, model: \"NVIDIA L40S\"";
                case GVT -> "id: \"" + id + "\", driver: i915, model: \"Intel UHD 630\", attributes: {gvt_version: \"" + gvt + "\"}";
                case CAPPED -> "id: \"" + id + "\", driver: capped";
                case NOPACK -> "id: \"" + id + "\", driver: acme";
            };
        }

        private static String l40sType(int size) { return size == 8 ? "nvidia-1152" : size == 16 ? "nvidia-1154" : "nvidia-1155"; }
    }
}
