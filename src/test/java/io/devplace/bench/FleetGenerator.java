package io.devplace.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.devplace.capacity.Capacities;
import io.devplace.capacity.Instance;
import io.devplace.capacity.PackCapacity;
import io.devplace.capacity.ParentCapacity;
import io.devplace.model.Host;
import io.devplace.model.ParentDevice;
import io.devplace.rules.RuleBook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Seeded generator of Fleet documents that look like real GPU clusters, for the benchmarks (docs/benchmarks.md).
 *
 * <p>Hosts carry one board family each, as real racks do: NVIDIA A16 (one or two boards = 4 or 8 GPUs, same-size mode,
 * exclusive type per GPU), NVIDIA L40S (2, 4 or 8 GPUs, mixed-size mode, 48 placement slots, instances at random allowed
 * offsets so free space is fragmented as after months of churn), or Intel GVT-g (one integrated GPU, the only honest
 * count for GVT-g; types V5_2/V5_4/V5_8, some created with {@code aggregator=2}, per the aggregation example pack
 * {@link io.devplace.rules.TestPacks#AGGREGATING_GVTG}, which replaces the bundled upstream GVT-g pack here). Versions: {@code vgpu_manager} mostly
 * 17.4, some hosts older (17.3, 16.8); GVT {@code gvt_version} mostly 2.1, some 2.0; a few hosts with a libvirt too old
 * for VFIO migration. Each GPU is filled to a utilisation drawn from the profile's range (some GPUs left empty), each
 * instance is owned by one VM (a few are free mdevs; a few VMs hold two vGPUs), VMs get CPU/memory by vGPU size, and
 * every host's CPU/memory is sized so that its VMs use a fraction drawn from the profile's range (CPU/memory pressure).
 * Some VMs share anti-affinity groups (members on distinct hosts), some are not live-migratable, some have priority 100.
 *
 * <p><b>Planted</b> ("tight") profiles build the <em>final</em> state first: every host but the ones to evacuate is filled
 * close to full; then VMs are taken out of it and packed onto the hosts to evacuate (with the real capacity models,
 * keeping each evacuee's board and version so that its old place is a compatible target). Moving every evacuee back is a
 * complete plan, so the optimum is known: 100 % placed. Host order, VM order, names and mdev order are shuffled so that
 * the planted solution is not visible in the document.
 *
 * <p>Capacity is always judged by the rule packs' own {@link ParentCapacity} models (bundled rules), so a generated
 * fleet is within capacity by construction; {@code FleetGeneratorTest} checks that {@code FleetReader}/{@code FleetChecks}
 * accept what this writes.
 */
public final class FleetGenerator {

    /** A named, seeded profile. Shares are probabilities; ranges are uniform. */
    public record Profile(String name, String description, int hosts,
                          double a16Share, double l40sShare, double gvtShare,
                          double gpuUtilLo, double gpuUtilHi, double emptyGpuShare,
                          double cpuUtilLo, double cpuUtilHi,
                          double olderVersionShare, double oldLibvirtShare, double freeMdevShare,
                          double nonLiveShare, double groupedShare, double multiDeviceShare, double highPriorityShare,
                          boolean broadTypes, boolean planted, double plantedEvacuateShare, boolean exact, boolean calibrated) {}

    public static final Map<String, Profile> PROFILES = new LinkedHashMap<>();

    static {
        add(realistic("s", 50));
        add(realistic("m", 500));
        add(realistic("l", 2000));
        add(tight("s-tight", 50));
        add(tight("m-tight", 500));
        add(tight("l-tight", 2000));
        add(frag("s-frag", 50));
        add(frag("frag", 200));
        add(exact("s-exact", 50, 0.10));
        add(exact("m-exact", 500, 0.10));
        add(exact("l-exact", 2000, 0.05));
        add(calibrated("s-fragcal", 50));
        add(calibrated("m-fragcal", 500));
    }

    private static void add(Profile p) { PROFILES.put(p.name(), p); }

    private static Profile realistic(String name, int hosts) {
        return new Profile(name, hosts + " hosts: A16/L40S/GVT-g mix, GPUs 60-90 % used, CPU/memory 60-90 %, mixed versions",
                hosts, 0.45, 0.35, 0.20, 0.60, 0.90, 0.05, 0.60, 0.90,
                0.10, 0.02, 0.03, 0.03, 0.15, 0.04, 0.10, false, false, 0, false, false);
    }

    private static Profile tight(String name, int hosts) {
        return new Profile(name, hosts + " hosts, planted: 10 % of hosts to evacuate, the rest 85-100 % full; optimum = 100 % placed",
                hosts, 0.45, 0.35, 0.20, 0.85, 1.00, 0.00, 0.90, 1.00,
                0.10, 0.02, 0.02, 0.03, 0.15, 0.04, 0.10, false, true, 0.10, false, false);
    }

    /**
     * Planted, exactly: every GPU of the hosts that stay is first filled to the last unit (A16: as many of one type as
     * fit; L40S: a random tiling of all 48 slots at allowed offsets; GVT-g: an exact partition of the 8 units), and their CPU and
     * memory sized to 95-100 % use; then single VMs and whole GPUs' worth are moved onto the hosts to evacuate.
     */
    private static Profile exact(String name, int hosts, double evacuate) {
        return new Profile(name, hosts + " hosts, planted exactly: " + Math.round(evacuate * 100) + " % of hosts to evacuate, every other GPU "
                + "full before the plant, CPU/memory 95-100 %; optimum = 100 % placed",
                hosts, 0.45, 0.35, 0.20, 1.00, 1.00, 0.00, 0.95, 1.00,
                0.10, 0.02, 0.01, 0.03, 0.15, 0.04, 0.10, false, true, evacuate, true, false);
    }

    /**
     * Fragmented (frag's mix at this size), evacuate 10 % of hosts, then calibrated: a packing of the evacuees (largest
     * first, onto the fullest host where each fits, lowest free slots first; same board and version) is computed, and
     * the evacuees it could not place are deleted from the fleet, so that every remaining evacuee has a known place.
     */
    private static Profile calibrated(String name, int hosts) {
        return new Profile(name, hosts + " hosts of exclusive (A16) and slot (L40S) GPUs, about 80 % used, evacuate 10 %, calibrated: "
                + "optimum = 100 % placed", hosts, 0.50, 0.50, 0.00, 0.70, 0.95, 0.05, 0.55, 0.80,
                0.00, 0.00, 0.03, 0.00, 0.05, 0.00, 0.10, true, false, 0.10, false, true);
    }

    private static Profile frag(String name, int hosts) {
        return new Profile(name, hosts + " hosts of exclusive (A16) and slot (L40S) GPUs, about 80 % used, every vGPU size, CPU 40-60 %",
                hosts, 0.50, 0.50, 0.00, 0.70, 0.95, 0.05, 0.40, 0.60,
                0.00, 0.00, 0.03, 0.00, 0.05, 0.00, 0.10, true, false, 0, false, false);
    }

    public static Profile profile(String name) {
        Profile p = PROFILES.get(name);
        if (p == null) throw new IllegalArgumentException("unknown profile '" + name + "'; known: " + PROFILES.keySet());
        return p;
    }

    /** What one generation produced: the document, the hosts to evacuate, and (planted) the known optimum. */
    public record Generated(Profile profile, long seed, Map<String, Object> document, List<String> evacuate,
                            Integer plantedOptimum, Stats stats) {
        public byte[] json() {
            try {
                return JSON.writeValueAsBytes(document);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public byte[] yaml() {
            try {
                return YAML.writeValueAsBytes(document);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Counts and utilisation of the generated fleet (device use is the mean over GPUs of the fraction used). */
    public record Stats(int hosts, int gpus, int vms, int mdevs, int freeMdevs, double deviceUse, double cpuUse,
                        int evacuees) {}

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).disable(SerializationFeature.INDENT_OUTPUT);

    // ------------------------------------------------------------------ device catalogue (mirrors the bundled packs)

    enum Board {
        A16("nvidia", "NVIDIA A16"), L40S("nvidia", "NVIDIA L40S"), GVT("i915", "Intel UHD Graphics P630");
        final String driver, model;

        Board(String driver, String model) {
            this.driver = driver;
            this.model = model;
        }
    }

    /** A16 same-size types: framebuffer MiB of 16384 per GPU. */
    private static final String[] A16_TYPES = {"nvidia-711", "nvidia-712", "nvidia-713", "nvidia-714", "nvidia-715"};
    private static final long[] A16_FB = {1024, 2048, 4096, 8192, 16384};
    private static final double[] A16_WEIGHTS = {0.03, 0.15, 0.37, 0.28, 0.17};
    private static final double[] A16_WEIGHTS_BROAD = {0.15, 0.20, 0.25, 0.25, 0.15};
    /** L40S mixed-size types: slots of 48. */
    private static final String[] L40S_TYPES = {"nvidia-1148", "nvidia-1150", "nvidia-1152", "nvidia-1154", "nvidia-1155", "nvidia-1156"};
    private static final int[] L40S_SIZE = {2, 4, 8, 16, 24, 48};
    private static final double[] L40S_WEIGHTS = {0.05, 0.20, 0.30, 0.25, 0.12, 0.08};
    private static final double[] L40S_WEIGHTS_BROAD = {0.15, 0.20, 0.20, 0.20, 0.15, 0.10};
    /** GVT-g: units of 8 per GPU; type, aggregator, weight. */
    private static final String[] GVT_TYPES = {"i915-GVTg_V5_2", "i915-GVTg_V5_4", "i915-GVTg_V5_4", "i915-GVTg_V5_8", "i915-GVTg_V5_8"};
    private static final long[] GVT_AGGR = {1, 1, 2, 1, 2};
    private static final long[] GVT_UNITS = {4, 2, 2, 1, 1}; // per aggregator step
    private static final double[] GVT_WEIGHTS = {0.15, 0.35, 0.10, 0.25, 0.15};

    private static final String[][] A16_IDS = {{"0000:3b:00.0", "0000:3c:00.0", "0000:3d:00.0", "0000:3e:00.0"},
            {"0000:b1:00.0", "0000:b2:00.0", "0000:b3:00.0", "0000:b4:00.0"}};
    private static final String[] L40S_IDS = {"0000:17:00.0", "0000:31:00.0", "0000:4b:00.0", "0000:65:00.0", "0000:98:00.0",
            "0000:b1:00.0", "0000:ca:00.0", "0000:e3:00.0"};

    // ------------------------------------------------------------------ the mutable model the generator works on

    static final class GHost {
        int index;
        String name;
        Board board;
        String vgpu = "17.4", gvt = "2.1", libvirt = "10.0.0", qemu = "8.2.2";
        long cpus, mem;
        boolean evac;
        final List<GParent> parents = new ArrayList<>();
        final List<GVm> vms = new ArrayList<>();

        String key() { return board + "/" + (board == Board.GVT ? gvt : vgpu); }

        boolean migrationReady() { return !libvirt.startsWith("8.0"); }
    }

    static final class GParent {
        final GHost host;
        final String id;
        final Board board;
        final List<GInst> inst = new ArrayList<>();
        final boolean[] slots = new boolean[48];

        GParent(GHost host, String id, Board board) {
            this.host = host;
            this.id = id;
            this.board = board;
        }
    }

    static final class GInst {
        String uuid;
        String type;
        long aggr = 1;
        Long placement;
        GVm owner;
        GParent parent;
    }

    static final class GVm {
        String name;
        GHost host;
        long cpus, mem, priority;
        boolean live = true;
        final List<String> groups = new ArrayList<>();
        final List<GInst> devices = new ArrayList<>();
    }

    // ------------------------------------------------------------------ generation

    private final Profile p;
    private final long seed;
    private final Random rnd;
    private final Map<Board, ParentCapacity> caps = new HashMap<>();

    private FleetGenerator(Profile p, long seed, RuleBook rules) {
        this.p = p;
        this.seed = seed;
        this.rnd = new Random(seed * 1_000_003L + p.name().hashCode());
        for (Board b : Board.values()) {
            ParentDevice pd = new ParentDevice("probe", b.driver, b.model, null, null, Map.of(), Map.of(), List.of());
            Host h = new Host("probe", 1, 1, null, Map.of(), Map.of(), null, List.of(pd));
            caps.put(b, Capacities.of(rules.govern(h, pd)));
        }
    }

    /**
     * Generates a fleet of profile {@code p} with {@code seed}. {@code evacuateHosts} picks that many hosts at random to
     * evacuate (0 = none); planted profiles ignore it and use their own share, since the plant depends on it.
     */
    public static Generated generate(Profile p, long seed, int evacuateHosts, RuleBook rules) {
        return new FleetGenerator(p, seed, rules).run(evacuateHosts);
    }

    public static Generated generate(String profile, long seed, int evacuateHosts) {
        return generate(profile(profile), seed, evacuateHosts, io.devplace.rules.TestPacks.withAggregatingGvtg());
    }

    private Generated run(int evacuateHosts) {
        List<GHost> hosts = new ArrayList<>();
        for (int i = 0; i < p.hosts(); i++) hosts.add(host(i));
        List<GVm> vms = new ArrayList<>();
        Integer optimum = null;
        List<GHost> evac;
        if (p.planted()) {
            int k = Math.max(1, (int) Math.round(p.hosts() * p.plantedEvacuateShare()));
            List<GHost> ready = new ArrayList<>(hosts.stream().filter(GHost::migrationReady).toList());
            Collections.shuffle(ready, rnd);
            evac = new ArrayList<>(ready.subList(0, k));
            evac.forEach(h -> h.evac = true);
            for (GHost h : hosts) if (!h.evac) {
                if (p.exact()) fillExactly(h);
                else fill(h, p.gpuUtilLo(), p.gpuUtilHi(), p.emptyGpuShare());
            }
            for (GHost h : hosts) if (!h.evac) vms.addAll(owners(h));
            groups(vms);
            for (GHost h : hosts) if (!h.evac) size(h, p.cpuUtilLo(), p.cpuUtilHi());
            optimum = plant(hosts, evac);
            for (GHost h : evac) size(h, 0.60, 0.90);
        } else {
            for (GHost h : hosts) fill(h, p.gpuUtilLo(), p.gpuUtilHi(), p.emptyGpuShare());
            for (GHost h : hosts) vms.addAll(owners(h));
            for (GHost h : hosts) size(h, p.cpuUtilLo(), p.cpuUtilHi());
            groups(vms);
            List<GHost> withVms = new ArrayList<>(hosts.stream().filter(h -> !h.vms.isEmpty()).toList());
            Collections.shuffle(withVms, rnd);
            evac = new ArrayList<>(withVms.subList(0, Math.min(evacuateHosts, withVms.size())));
            if (p.calibrated()) {
                evac.forEach(h -> h.evac = true);
                optimum = calibrate(hosts, evac, vms);
            }
        }
        for (GVm v : vms) {
            if (!(p.planted() && v.host.evac)) v.live = rnd.nextDouble() >= p.nonLiveShare();
            v.priority = rnd.nextDouble() < p.highPriorityShare() ? 100 : 0;
        }
        // hide the structure: names and order are random
        Collections.shuffle(hosts, rnd);
        List<Integer> hostNumbers = shuffledRange(hosts.size());
        for (int i = 0; i < hosts.size(); i++) {
            GHost h = hosts.get(i);
            h.name = String.format("r%02d-n%04d", h.index / 20, hostNumbers.get(i));
        }
        hosts.sort((a, b) -> a.name.compareTo(b.name));
        Collections.shuffle(vms, rnd);
        List<Integer> vmNumbers = shuffledRange(vms.size());
        for (int i = 0; i < vms.size(); i++) vms.get(i).name = String.format("vm-%05d", vmNumbers.get(i));
        for (GHost h : hosts) for (GParent pa : h.parents) Collections.shuffle(pa.inst, rnd);
        List<String> evacNames = evac.stream().map(h -> h.name).sorted().toList();
        return new Generated(p, seed, document(hosts, vms), evacNames, optimum, stats(hosts, vms, evac));
    }

    private List<Integer> shuffledRange(int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) l.add(i);
        Collections.shuffle(l, rnd);
        return l;
    }

    private GHost host(int i) {
        GHost h = new GHost();
        h.index = i;
        double r = rnd.nextDouble() * (p.a16Share() + p.l40sShare() + p.gvtShare());
        h.board = r < p.a16Share() ? Board.A16 : r < p.a16Share() + p.l40sShare() ? Board.L40S : Board.GVT;
        if (rnd.nextDouble() < p.olderVersionShare()) {
            h.vgpu = rnd.nextDouble() < 0.7 ? "17.3" : "16.8";
            h.gvt = "2.0";
        }
        if (rnd.nextDouble() < p.oldLibvirtShare()) {
            h.libvirt = "8.0.0";
            h.qemu = "6.2.0";
        }
        switch (h.board) {
            case A16 -> {
                int boards = rnd.nextDouble() < 0.6 ? 1 : 2;
                for (int b = 0; b < boards; b++) for (String id : A16_IDS[b]) h.parents.add(new GParent(h, id, Board.A16));
            }
            case L40S -> {
                double x = rnd.nextDouble();
                int n = x < 0.35 ? 2 : x < 0.80 ? 4 : 8;
                for (int g = 0; g < n; g++) h.parents.add(new GParent(h, L40S_IDS[g], Board.L40S));
            }
            case GVT -> h.parents.add(new GParent(h, "0000:00:02.0", Board.GVT));
        }
        return h;
    }

    // ------------------------------------------------------------------ filling GPUs

    private void fill(GHost h, double lo, double hi, double emptyShare) {
        for (GParent pa : h.parents) {
            if (rnd.nextDouble() < emptyShare) continue;
            double u = lo + rnd.nextDouble() * (hi - lo);
            switch (pa.board) {
                case A16 -> {
                    int t = pick(p.broadTypes() ? A16_WEIGHTS_BROAD : A16_WEIGHTS);
                    long max = 16384 / A16_FB[t];
                    long n = Math.max(1, Math.round(u * max));
                    for (int i = 0; i < n; i++) if (!tryAdd(pa, A16_TYPES[t], 1, null)) break;
                }
                case L40S -> {
                    int fails = 0;
                    while (used(pa) < u && fails < 12) {
                        int t = pick(p.broadTypes() ? L40S_WEIGHTS_BROAD : L40S_WEIGHTS);
                        if (used(pa) + L40S_SIZE[t] / 48.0 > hi + 1e-9 || !tryAdd(pa, L40S_TYPES[t], 1, null)) fails++;
                    }
                }
                case GVT -> {
                    int fails = 0;
                    while (used(pa) < u && fails < 12) {
                        int t = pick(GVT_WEIGHTS);
                        if (used(pa) + GVT_UNITS[t] * GVT_AGGR[t] / 8.0 > Math.max(hi, 0.75) + 1e-9
                                || !tryAdd(pa, GVT_TYPES[t], GVT_AGGR[t], null)) fails++;
                    }
                }
            }
        }
    }

    /**
     * Fills every GPU of {@code h} to the last unit: A16 as many of one type as the board takes, L40S a random tiling of
     * all 48 slots (at each free offset a random size that may start there), GVT-g an exact partition of its 8 units.
     */
    private void fillExactly(GHost h) {
        for (GParent pa : h.parents) {
            switch (pa.board) {
                case A16 -> {
                    int t = pick(A16_WEIGHTS);
                    for (long i = 0; i < 16384 / A16_FB[t]; i++) if (!tryAdd(pa, A16_TYPES[t], 1, null)) throw new IllegalStateException("A16 fill");
                }
                case L40S -> {
                    PackCapacity cap = (PackCapacity) caps.get(Board.L40S);
                    // tileable[o]: slots o..47 can be tiled by types at offsets they may start at (the pack's placement
                    // IDs), so the random tiling never picks a size that leaves a gap no type may start in
                    boolean[] tileable = new boolean[49];
                    tileable[48] = true;
                    for (int o = 47; o >= 0; o--)
                        for (int t = 0; t < L40S_SIZE.length && !tileable[o]; t++)
                            tileable[o] = o + L40S_SIZE[t] <= 48 && cap.allows(L40S_TYPES[t], o) && tileable[o + L40S_SIZE[t]];
                    for (int o = 0; o < 48; ) {
                        double[] w = new double[L40S_SIZE.length];
                        for (int t = 0; t < w.length; t++)
                            w[t] = o + L40S_SIZE[t] <= 48 && cap.allows(L40S_TYPES[t], o) && tileable[o + L40S_SIZE[t]] ? L40S_WEIGHTS[t] : 0;
                        // a profile at its per-GPU maximum (or at an offset the pack refuses) is dropped from the draw
                        int t = pick(w);
                        while (!addAt(pa, L40S_TYPES[t], o)) {
                            w[t] = 0;
                            if (java.util.Arrays.stream(w).allMatch(x -> x == 0)) throw new IllegalStateException("L40S tiling at " + o);
                            t = pick(w);
                        }
                        o += L40S_SIZE[t];
                    }
                }
                case GVT -> {
                    int left = 8;
                    for (int guard = 0; left > 0 && guard < 100; guard++) {
                        double[] w = new double[GVT_WEIGHTS.length];
                        for (int t = 0; t < w.length; t++) w[t] = GVT_UNITS[t] * GVT_AGGR[t] <= left ? GVT_WEIGHTS[t] : 0;
                        int t = pick(w);
                        if (tryAdd(pa, GVT_TYPES[t], GVT_AGGR[t], null)) left -= (int) (GVT_UNITS[t] * GVT_AGGR[t]);
                    }
                    while (left > 0 && tryAdd(pa, GVT_TYPES[3], 1, null)) left--; // V5_8 = one unit each
                    if (left != 0) throw new IllegalStateException("GVT partition left " + left);
                }
            }
        }
    }

    /** Adds an instance of {@code type} at slot {@code offset} of an L40S if that is free and the model accepts it. */
    private boolean addAt(GParent pa, String type, int offset) {
        int k = L40S_SIZE[indexOf(L40S_TYPES, type)];
        for (int j = offset; j < offset + k; j++) if (pa.slots[j]) return false;
        List<Instance> present = new ArrayList<>();
        for (GInst i : pa.inst) present.add(new Instance(i.uuid, i.type, i.aggr, i.placement));
        if (!caps.get(pa.board).fit(present, List.of(new Instance(null, type, 1, (long) offset))).fits()) return false;
        GInst n = new GInst();
        n.uuid = uuid();
        n.type = type;
        n.placement = (long) offset;
        n.parent = pa;
        pa.inst.add(n);
        for (int j = offset; j < offset + k; j++) pa.slots[j] = true;
        return true;
    }

    /** Fraction of the GPU in use. */
    static double used(GParent pa) {
        double u = 0;
        for (GInst i : pa.inst) u += fraction(pa.board, i.type, i.aggr);
        return u;
    }

    static double fraction(Board b, String type, long aggr) {
        return switch (b) {
            case A16 -> A16_FB[indexOf(A16_TYPES, type)] / 16384.0;
            case L40S -> L40S_SIZE[indexOf(L40S_TYPES, type)] / 48.0;
            case GVT -> GVT_UNITS[indexOf(GVT_TYPES, type)] * aggr / 8.0;
        };
    }

    private static int indexOf(String[] a, String s) {
        for (int i = 0; i < a.length; i++) if (a[i].equals(s)) return i;
        throw new IllegalArgumentException(s);
    }

    /**
     * Adds an instance to {@code pa} if the pack's capacity model accepts it; on slot parents at a random free
     * offset its type may start at (so free space fragments as it does in a churned cluster). Returns whether it was added.
     */
    private boolean tryAdd(GParent pa, String type, long aggr, GInst reuse) {
        Long placement = null;
        if (pa.board == Board.L40S) {
            int k = L40S_SIZE[indexOf(L40S_TYPES, type)];
            List<Integer> free = new ArrayList<>();
            for (int o : ((PackCapacity) caps.get(Board.L40S)).offsets(type)) {
                boolean ok = true;
                for (int j = o; j < o + k; j++) ok &= !pa.slots[j];
                if (ok) free.add(o);
            }
            if (free.isEmpty()) return false;
            placement = (long) (int) free.get(rnd.nextInt(free.size()));
        }
        List<Instance> present = new ArrayList<>();
        for (GInst i : pa.inst) present.add(new Instance(i.uuid, i.type, i.aggr, i.placement));
        if (!caps.get(pa.board).fit(present, List.of(Instance.added(type, aggr))).fits()) return false;
        GInst n = reuse != null ? reuse : new GInst();
        if (reuse == null) n.uuid = uuid();
        n.type = type;
        n.aggr = aggr;
        n.placement = placement;
        n.parent = pa;
        pa.inst.add(n);
        if (placement != null) for (int j = 0; j < L40S_SIZE[indexOf(L40S_TYPES, type)]; j++) pa.slots[(int) (placement + j)] = true;
        return true;
    }

    private void remove(GInst i) {
        GParent pa = i.parent;
        pa.inst.remove(i);
        if (i.placement != null) for (int j = 0; j < L40S_SIZE[indexOf(L40S_TYPES, i.type)]; j++) pa.slots[(int) (i.placement + j)] = false;
    }

    private int pick(double[] weights) {
        double sum = 0;
        for (double w : weights) sum += w;
        double r = rnd.nextDouble() * sum;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) return i;
        }
        return weights.length - 1;
    }

    private String uuid() {
        long hi = (rnd.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }

    // ------------------------------------------------------------------ VMs, hosts, groups

    /** Turns the host's instances into VMs (a few stay free mdevs; a few VMs take two). */
    private List<GVm> owners(GHost h) {
        List<GInst> all = new ArrayList<>();
        for (GParent pa : h.parents) all.addAll(pa.inst);
        Collections.shuffle(all, rnd);
        List<GVm> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (rnd.nextDouble() < p.freeMdevShare()) continue;
            GVm v = new GVm();
            v.host = h;
            v.devices.add(all.get(i));
            if (i + 1 < all.size() && rnd.nextDouble() < p.multiDeviceShare()) v.devices.add(all.get(++i));
            for (GInst d : v.devices) d.owner = v;
            double f = 0;
            for (GInst d : v.devices) f += fraction(d.parent.board, d.type, d.aggr);
            long cpus = f <= 0.125 ? 4 : f <= 0.25 ? 8 : f <= 0.5 ? 16 : 32;
            double r = rnd.nextDouble();
            if (r < 0.2) cpus = Math.max(2, cpus / 2);
            else if (r > 0.8) cpus *= 2;
            v.cpus = cpus;
            v.mem = cpus * (rnd.nextBoolean() ? 4096 : 8192);
            h.vms.add(v);
            out.add(v);
        }
        return out;
    }

    /** Host CPU/memory so that what runs there now uses a fraction in [lo, hi]. */
    private void size(GHost h, double lo, double hi) {
        long cpu = 0, mem = 0;
        for (GVm v : h.vms) { cpu += v.cpus; mem += v.mem; }
        double u = lo + rnd.nextDouble() * (hi - lo), um = lo + rnd.nextDouble() * (hi - lo);
        if (p.exact() && !h.evac) { // little slack: no rounding up to a round machine size
            h.cpus = Math.max(2, roundUp((long) Math.ceil(cpu / u), 2));
            h.mem = Math.max(4096, roundUp((long) Math.ceil(mem / um), 1024));
            return;
        }
        h.cpus = Math.max(32, roundUp((long) Math.ceil(cpu / u), 8));
        h.mem = Math.max(131072, roundUp((long) Math.ceil(mem / um), 32768));
    }

    private static long roundUp(long v, long step) { return (v + step - 1) / step * step; }

    /** Anti-affinity groups of 2-4 members, each member on a different host. */
    private void groups(List<GVm> vms) {
        List<GVm> pool = new ArrayList<>();
        for (GVm v : vms) if (rnd.nextDouble() < p.groupedShare()) pool.add(v);
        Collections.shuffle(pool, rnd);
        int g = 0;
        while (pool.size() >= 2) {
            int size = 2 + rnd.nextInt(3);
            String name = String.format("aa-%04d", g++);
            Set<GHost> seen = new HashSet<>();
            List<GVm> members = new ArrayList<>();
            for (GVm v : new ArrayList<>(pool)) {
                if (members.size() == size) break;
                if (seen.add(v.host)) { members.add(v); pool.remove(v); }
            }
            if (members.size() < 2) break;
            for (GVm v : members) v.groups.add(name);
        }
    }

    // ------------------------------------------------------------------ planting

    /**
     * Packs VMs taken from the (final, full) state onto the hosts to evacuate, each onto a host of the same board and
     * version, keeping anti-affinity clean there. Returns how many VMs were planted (all of them are placeable).
     */
    private int plant(List<GHost> hosts, List<GHost> evac) {
        Map<String, List<GVm>> pool = new HashMap<>();
        for (GHost h : hosts) {
            if (h.evac || !h.migrationReady()) continue;
            for (GVm v : h.vms) pool.computeIfAbsent(h.key(), k -> new ArrayList<>()).add(v);
        }
        Set<GVm> taken = new HashSet<>();
        int planted = 0;
        for (GHost e : evac) {
            List<GVm> candidates = new ArrayList<>(pool.getOrDefault(e.key(), List.of()));
            Collections.shuffle(candidates, rnd);
            double target = 0.60 + rnd.nextDouble() * 0.30;
            if (p.exact()) {
                // whole GPUs' worth first: every VM of one full GPU of a compatible host, then single VMs
                List<GParent> gpus = new ArrayList<>();
                for (GVm v : candidates) for (GInst d : v.devices) if (!gpus.contains(d.parent)) gpus.add(d.parent);
                int whole = e.parents.size() <= 1 ? (rnd.nextBoolean() ? 1 : 0) : 1 + rnd.nextInt(e.parents.size() - 1);
                for (int i = 0; i < Math.min(whole, gpus.size()); i++) {
                    GParent g = gpus.get(i);
                    for (GInst d : new ArrayList<>(g.inst)) {
                        GVm v = d.owner;
                        if (v == null || taken.contains(v) || v.host.evac || conflicts(v, e)) continue;
                        if (moveOnto(v, e)) {
                            taken.add(v);
                            planted++;
                        }
                    }
                }
            }
            for (GVm v : candidates) {
                if (deviceUse(e) >= target) break;
                if (taken.contains(v) || conflicts(v, e)) continue;
                if (moveOnto(v, e)) {
                    taken.add(v);
                    planted++;
                }
            }
        }
        return planted;
    }

    /**
     * Packs the evacuees of {@code evac} onto the other hosts (largest first; among the hosts of the same board and
     * version with CPU, memory and anti-affinity room, the one with least free CPU; on it the first GPU that takes each
     * device, at the lowest free allowed offset), then deletes from the fleet the evacuees that packing could not place
     * and removes the trial instances again. Returns how many evacuees remain: each has the place the packing found.
     */
    private int calibrate(List<GHost> hosts, List<GHost> evac, List<GVm> vms) {
        List<GVm> evacuees = new ArrayList<>();
        for (GHost h : evac) evacuees.addAll(h.vms);
        evacuees.removeIf(v -> !v.live);
        evacuees.sort((a, b) -> {
            int c = Double.compare(share(b), share(a));
            return c != 0 ? c : Long.compare(b.cpus, a.cpus);
        });
        Map<GHost, long[]> used = new HashMap<>();
        Map<GHost, Set<String>> groupsOn = new HashMap<>();
        List<GHost> targets = new ArrayList<>();
        for (GHost h : hosts) {
            if (h.evac || !h.migrationReady()) continue;
            targets.add(h);
            long c = 0, m = 0;
            Set<String> g = new HashSet<>();
            for (GVm v : h.vms) { c += v.cpus; m += v.mem; g.addAll(v.groups); }
            used.put(h, new long[]{c, m});
            groupsOn.put(h, g);
        }
        List<GInst> trial = new ArrayList<>();
        List<GVm> unplaced = new ArrayList<>();
        for (GVm v : evacuees) {
            if (!v.host.migrationReady()) { unplaced.add(v); continue; }
            GHost best = null;
            for (GHost h : targets) {
                if (!h.key().equals(v.host.key())) continue;
                long[] u = used.get(h);
                if (u[0] + v.cpus > h.cpus || u[1] + v.mem > h.mem) continue;
                if (v.groups.stream().anyMatch(groupsOn.get(h)::contains)) continue;
                if (best != null && h.cpus - u[0] >= best.cpus - used.get(best)[0]) continue;
                if (fitsAll(v, h)) best = h;
            }
            if (best == null) { unplaced.add(v); continue; }
            for (GInst d : v.devices) {
                for (GParent pa : best.parents) {
                    GInst t = new GInst();
                    t.uuid = uuid();
                    if (addLowest(pa, d.type, d.aggr, t)) { trial.add(t); break; }
                }
            }
            used.get(best)[0] += v.cpus;
            used.get(best)[1] += v.mem;
            groupsOn.get(best).addAll(v.groups);
        }
        for (GInst t : trial) remove(t);
        for (GVm v : unplaced) {
            for (GInst d : v.devices) remove(d);
            v.host.vms.remove(v);
            vms.remove(v);
        }
        return evacuees.size() - unplaced.size();
    }

    private static double share(GVm v) {
        double f = 0;
        for (GInst d : v.devices) f += fraction(d.parent.board, d.type, d.aggr);
        return f;
    }

    /** Whether every device of {@code v} fits some GPU of {@code h} together (trial only; nothing is left added). */
    private boolean fitsAll(GVm v, GHost h) {
        List<GInst> added = new ArrayList<>();
        boolean ok = true;
        for (GInst d : v.devices) {
            boolean done = false;
            for (GParent pa : h.parents) {
                GInst t = new GInst();
                t.uuid = uuid();
                if (addLowest(pa, d.type, d.aggr, t)) { added.add(t); done = true; break; }
            }
            if (!done) { ok = false; break; }
        }
        for (GInst t : added) remove(t);
        return ok;
    }

    /** {@link #tryAdd} at the lowest free offset its type may start at instead of a random one. */
    private boolean addLowest(GParent pa, String type, long aggr, GInst into) {
        if (pa.board != Board.L40S) return tryAdd(pa, type, aggr, into);
        int k = L40S_SIZE[indexOf(L40S_TYPES, type)];
        for (int o : ((PackCapacity) caps.get(Board.L40S)).offsets(type)) {
            boolean free = true;
            for (int j = o; j < o + k; j++) free &= !pa.slots[j];
            if (!free) continue;
            List<Instance> present = new ArrayList<>();
            for (GInst i : pa.inst) present.add(new Instance(i.uuid, i.type, i.aggr, i.placement));
            if (!caps.get(pa.board).fit(present, List.of(Instance.added(type, aggr))).fits()) return false;
            into.type = type;
            into.aggr = aggr;
            into.placement = (long) o;
            into.parent = pa;
            pa.inst.add(into);
            for (int j = o; j < o + k; j++) pa.slots[j] = true;
            return true;
        }
        return false;
    }

    private static double deviceUse(GHost h) {
        double u = 0;
        for (GParent pa : h.parents) u += used(pa);
        return h.parents.isEmpty() ? 1 : u / h.parents.size();
    }

    private static boolean conflicts(GVm v, GHost e) {
        for (GVm o : e.vms) for (String g : v.groups) if (o.groups.contains(g)) return true;
        return false;
    }

    /** Moves {@code v} with all its devices onto {@code e} if each fits some parent there; leaves holes where it was. */
    private boolean moveOnto(GVm v, GHost e) {
        List<GParent> order = new ArrayList<>(e.parents);
        Collections.shuffle(order, rnd);
        List<GInst> placed = new ArrayList<>();
        Map<GInst, GParent> from = new HashMap<>();
        Map<GInst, Long> fromPlacement = new HashMap<>();
        for (GInst d : v.devices) { from.put(d, d.parent); fromPlacement.put(d, d.placement); }
        for (GInst d : v.devices) remove(d);
        boolean ok = true;
        for (GInst d : v.devices) {
            boolean done = false;
            for (GParent pa : order) if (tryAdd(pa, d.type, d.aggr, d)) { done = true; break; }
            if (!done) { ok = false; break; }
            placed.add(d);
        }
        if (!ok) {
            for (GInst d : placed) remove(d);
            for (GInst d : v.devices) restore(d, from.get(d), fromPlacement.get(d));
            return false;
        }
        v.host.vms.remove(v);
        v.host = e;
        e.vms.add(v);
        return true;
    }

    private void restore(GInst d, GParent pa, Long placement) {
        d.parent = pa;
        d.placement = placement;
        pa.inst.add(d);
        if (placement != null) for (int j = 0; j < L40S_SIZE[indexOf(L40S_TYPES, d.type)]; j++) pa.slots[(int) (placement + j)] = true;
    }

    // ------------------------------------------------------------------ output

    private Map<String, Object> document(List<GHost> hosts, List<GVm> vms) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "devplace/v1");
        doc.put("kind", "Fleet");
        List<Object> hs = new ArrayList<>();
        for (GHost h : hosts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", h.name);
            m.put("cpus", h.cpus);
            m.put("memoryMiB", h.mem);
            m.put("state", "active");
            m.put("labels", Map.of("rack", String.format("r%02d", h.index / 20), "zone", "z" + (h.index / 200),
                    "gpu", h.board.name().toLowerCase()));
            Map<String, Object> attrs = new LinkedHashMap<>();
            if (h.board != Board.GVT) attrs.put("vgpu_manager", h.vgpu);
            attrs.put("libvirt", h.libvirt);
            attrs.put("qemu", h.qemu);
            m.put("attributes", attrs);
            List<Object> devs = new ArrayList<>();
            for (int i = 0; i < h.parents.size(); i++) {
                GParent pa = h.parents.get(i);
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("id", pa.id);
                d.put("driver", pa.board.driver);
                d.put("model", pa.board.model);
                d.put("numaNode", (long) (h.parents.size() == 1 ? 0 : i * 2 / h.parents.size()));
                if (pa.board == Board.GVT) d.put("attributes", Map.of("gvt_version", h.gvt));
                List<Object> mdevs = new ArrayList<>();
                for (GInst in : pa.inst) {
                    Map<String, Object> md = new LinkedHashMap<>();
                    md.put("uuid", in.uuid);
                    md.put("type", in.type);
                    if (in.aggr != 1) md.put("attrs", List.of(Map.of("aggregator", Long.toString(in.aggr))));
                    if (in.placement != null) md.put("placement", in.placement);
                    mdevs.add(md);
                }
                d.put("mdevs", mdevs);
                devs.add(d);
            }
            m.put("devices", devs);
            hs.add(m);
        }
        doc.put("hosts", hs);
        List<Object> vs = new ArrayList<>();
        for (GVm v : vms) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", v.name);
            m.put("host", v.host.name);
            m.put("cpus", v.cpus);
            m.put("memoryMiB", v.mem);
            if (v.priority != 0) m.put("priority", v.priority);
            if (!v.live) m.put("liveMigratable", false);
            if (!v.groups.isEmpty()) m.put("groups", v.groups);
            List<Object> devs = new ArrayList<>();
            for (GInst d : v.devices) devs.add(Map.of("mdev", d.uuid));
            m.put("devices", devs);
            vs.add(m);
        }
        doc.put("vms", vs);
        return doc;
    }

    private static Stats stats(List<GHost> hosts, List<GVm> vms, List<GHost> evac) {
        int gpus = 0, mdevs = 0, owned = 0;
        double use = 0, cpu = 0;
        for (GHost h : hosts) {
            long c = 0;
            for (GVm v : h.vms) c += v.cpus;
            cpu += (double) c / h.cpus;
            for (GParent pa : h.parents) {
                gpus++;
                mdevs += pa.inst.size();
                use += used(pa);
                for (GInst i : pa.inst) if (i.owner != null) owned++;
            }
        }
        int evacuees = 0;
        for (GHost h : evac) evacuees += h.vms.size();
        return new Stats(hosts.size(), gpus, vms.size(), mdevs, mdevs - owned, gpus == 0 ? 0 : use / gpus,
                hosts.isEmpty() ? 0 : cpu / hosts.size(), evacuees);
    }
}
