package io.devplace.whatif;

import io.devplace.cli.FleetInput;
import io.devplace.cli.Main;
import io.devplace.model.Policy;
import io.devplace.problem.FleetView;
import io.devplace.rules.LoadedPack;
import io.devplace.rules.RuleBook;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Small fleets, scenario documents and a CLI runner for the what-if tests. */
final class Fixtures {
    private Fixtures() {}

    static final String HEADER = "apiVersion: devplace/v1\nkind: Fleet\n";

    /** A test pack: an 8-slot parent with types of size 1, 2, 4 and 8 ("slotty" driver). */
    static final String SLOT_PACK = """
            apiVersion: devplace/v1
            kind: RulePack
            name: slotty
            match: {driver: slotty}
            capacity: {slots: 8}
            types:
              s-1: {deviceApi: vfio-pci, size: 1}
              s-2: {deviceApi: vfio-pci, size: 2}
              s-4: {deviceApi: vfio-pci, size: 4}
              s-8: {deviceApi: vfio-pci, size: 8}
            """;

    static RuleBook bundledPlus(String... packs) {
        List<LoadedPack> all = new ArrayList<>();
        for (int i = 0; i < packs.length; i++) all.add(RuleBook.parse("test-pack-" + i + ".yaml", packs[i].getBytes(StandardCharsets.UTF_8)));
        all.addAll(RuleBook.bundled());
        return new RuleBook(all);
    }

    static FleetView view(String fleetYaml) { return view(fleetYaml, RuleBook.bundledOnly()); }

    static FleetView view(String fleetYaml, RuleBook rules) {
        return FleetInput.load("fleet.yaml", fleetYaml.getBytes(StandardCharsets.UTF_8), rules, false).view();
    }

    static WhatIf whatIf(String yaml, FleetView view) {
        return WhatIfReader.parse("scenarios.yaml", ("apiVersion: devplace/v1\nkind: WhatIf\n" + yaml).getBytes(StandardCharsets.UTF_8), view);
    }

    static WhatIfAnalysis.Result run(FleetView view, String scenariosYaml) {
        return WhatIfAnalysis.run(view, whatIf(scenariosYaml, view), new WhatIfAnalysis.Options(Policy.defaults().withTimeLimit("5s"), 7L, 0, null), "fleet.yaml");
    }

    static WhatIfReport.ScenarioResult scenario(WhatIfAnalysis.Result r, String name) {
        return r.report().scenarios().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /** Base headroom of a fleet as is (no plan). */
    static java.util.Map<String, Long> headroom(FleetView view) {
        return new Headroom().perType(FinalState.of(view, null, Set.of()), WhatIfReader.creatableTypes(view));
    }

    /** An A16 host: one line per GPU, each a list of mdev types already on it ("" = empty GPU). */
    static String a16Host(String name, String rack, String vgpu, long cpus, String... gpus) {
        StringBuilder b = new StringBuilder();
        b.append("  - name: ").append(name).append("\n    cpus: ").append(cpus).append("\n    memoryMiB: 1048576\n    labels: {rack: ").append(rack)
                .append("}\n    attributes: {vgpu_manager: \"").append(vgpu).append("\", libvirt: \"10.0.0\", qemu: \"8.2.2\"}\n    devices:\n");
        for (int g = 0; g < gpus.length; g++) {
            b.append("      - id: \"0000:").append(String.format("%02x", 0x3b + g)).append(":00.0\"\n        driver: nvidia\n        model: \"NVIDIA A16\"\n");
            if (gpus[g].isBlank()) continue;
            b.append("        mdevs:\n");
            int k = 0;
            for (String t : gpus[g].split(",")) {
                b.append("          - {uuid: \"").append(uuid(name, g, k++)).append("\", type: ").append(t.trim()).append("}\n");
            }
        }
        return b.toString();
    }

    /** A deterministic UUID for mdev k of GPU g on a host. */
    static String uuid(String host, int g, int k) {
        return String.format("%08x-0000-4000-8000-%04x%08x", Math.abs(host.hashCode()), g, k);
    }

    /** VMs owning every mdev of an A16 host built by {@link #a16Host}, named host-g-k. */
    static String vmsFor(String host, int cpus, String... gpus) {
        StringBuilder b = new StringBuilder();
        for (int g = 0; g < gpus.length; g++) {
            if (gpus[g].isBlank()) continue;
            int k = 0;
            for (String ignored : gpus[g].split(",")) {
                b.append("  - {name: ").append(host).append('-').append(g).append('-').append(k).append(", host: ").append(host)
                        .append(", cpus: ").append(cpus).append(", memoryMiB: 8192, devices: [{mdev: \"").append(uuid(host, g, k)).append("\"}]}\n");
                k++;
            }
        }
        return b.toString();
    }

    // ------------------------------------------------------------------------------------------ CLI

    record Run(int code, String out, String err) {}

    static Run cli(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Path write(Path dir, String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, text);
            return p;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The repository's example fleet and scenarios (tests run from the project folder). */
    static Path example(String name) { return Path.of("examples", name); }

    /**
     * A synthetic fleet of {@code hosts} A16 hosts (4 GPUs each) in racks of 10, about a third full with a mix of 1Q,
     * 2Q, 4Q and 8Q vGPUs, one or two GPUs left empty per host; all on vGPU manager 17.4 (5 to 10 VMs per host).
     */
    static String syntheticFleet(int hosts) {
        StringBuilder h = new StringBuilder(HEADER + "hosts:\n"), v = new StringBuilder("vms:\n");
        String[][] patterns = {
                {"nvidia-713,nvidia-713,nvidia-713", "nvidia-714", "", "nvidia-711,nvidia-711,nvidia-711,nvidia-711,nvidia-711,nvidia-711"},
                {"nvidia-712,nvidia-712,nvidia-712,nvidia-712", "", "nvidia-713,nvidia-713", ""},
                {"nvidia-714,nvidia-714", "nvidia-713", "nvidia-712,nvidia-712", ""},
        };
        for (int i = 0; i < hosts; i++) {
            String name = String.format("h%03d", i);
            String[] p = patterns[i % patterns.length];
            h.append(a16Host(name, "r" + (i / 10), "17.4", 64, p));
            v.append(vmsFor(name, 4, p));
        }
        return h + v.toString();
    }
}
