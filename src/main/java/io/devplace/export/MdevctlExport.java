package io.devplace.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.devplace.model.Fleet;
import io.devplace.model.Plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A plan as mdevctl commands: one script per host, because each host's commands run on that host, and a wave's
 * creates must run before its migrations and its removals after them. A script takes the wave and the phase
 * ({@code prepare}: free mdev removals of wave 0 and the wave's creates; {@code cleanup}: the moved VMs' source
 * mdevs), so the orchestrator can interleave it with the migrations it runs itself.
 *
 * <p>mdevctl's config holds {@code mdev_type}, {@code start} and {@code attrs} (mdevctl(8), "--jsonfile"); a slot
 * placement is not among them, so a create that depends on one says so in a comment rather than pretend.
 */
public final class MdevctlExport {
    private static final ObjectMapper COMPACT = JsonMapper.builder().build();
    static final String PREPARE = "prepare";
    static final String CLEANUP = "cleanup";

    private MdevctlExport() {}

    /** Every host's script, by host name. */
    public static List<ExportFile> files(Plan plan, Fleet fleet) {
        PlanStamp stamp = PlanStamp.of(plan);
        SourceFacts facts = new SourceFacts(fleet);
        List<ExportFile> out = new ArrayList<>();
        byHost(plan).forEach((host, actions) -> out.add(new ExportFile(ExportFile.safe(host, ".sh"), script(host, actions, plan, stamp, facts))));
        return out;
    }

    /** All scripts on one stream, after the plan's header and the order to run them in. */
    public static String render(Plan plan, Fleet fleet) {
        StringBuilder b = new StringBuilder("# devplace export: mdevctl commands, one script per host (--out-dir writes them as HOST.sh)\n");
        for (String l : PlanStamp.of(plan).lines()) b.append("# ").append(l).append('\n');
        b.append(runOrder(plan));
        for (ExportFile f : files(plan, fleet)) b.append("\n# ===== ").append(f.name()).append(" =====\n").append(f.text());
        return b.toString();
    }

    /** Per wave: which host runs which phase, and the migrations between them (the orchestrator's). */
    static String runOrder(Plan plan) {
        Map<Long, List<Plan.Action>> waves = new TreeMap<>();
        for (Plan.Action a : plan.actions()) waves.computeIfAbsent(a.wave(), w -> new ArrayList<>()).add(a);
        StringBuilder b = new StringBuilder("# Run order (each script on its own host; devplace runs nothing itself):\n");
        if (waves.isEmpty()) b.append("#   nothing to run\n");
        waves.forEach((wave, actions) -> {
            TreeSet<String> prepare = new TreeSet<>(), cleanup = new TreeSet<>();
            List<String> migrations = new ArrayList<>();
            for (Plan.Action a : actions) {
                if ("migrate".equals(a.op())) migrations.add(a.mode().wire() + "-migrate " + a.vm() + " " + a.from() + " -> " + a.to() + " (your orchestrator)");
                else if (a.host() != null) (phase(a).equals(PREPARE) ? prepare : cleanup).add(a.host());
            }
            b.append("#   wave ").append(wave).append(":\n");
            for (String h : prepare) b.append("#     on ").append(h).append(": sh ").append(ExportFile.safe(h, ".sh")).append(' ').append(wave).append(" prepare\n");
            for (String m : migrations) b.append("#     ").append(m).append('\n');
            for (String h : cleanup) b.append("#     on ").append(h).append(": sh ").append(ExportFile.safe(h, ".sh")).append(' ').append(wave).append(" cleanup\n");
        });
        return b.toString();
    }

    private static Map<String, List<Plan.Action>> byHost(Plan plan) {
        Map<String, List<Plan.Action>> out = new TreeMap<>();
        for (Plan.Action a : plan.actions())
            if (a.host() != null && !"migrate".equals(a.op())) out.computeIfAbsent(a.host(), h -> new ArrayList<>()).add(a);
        return out;
    }

    /** Removals in wave 0 make room before anything arrives; later removals follow the wave's migrations. */
    static String phase(Plan.Action a) {
        return "remove-mdev".equals(a.op()) && a.wave() > 0 ? CLEANUP : PREPARE;
    }

    private static String script(String host, List<Plan.Action> actions, Plan plan, PlanStamp stamp, SourceFacts facts) {
        StringBuilder b = new StringBuilder("#!/bin/sh\n# devplace export: mdevctl commands for host ").append(host).append('\n');
        for (String l : stamp.lines()) b.append("# ").append(l).append('\n');
        Map<String, List<Plan.Action>> blocks = new LinkedHashMap<>();
        for (Plan.Action a : actions) blocks.computeIfAbsent(a.wave() + ":" + phase(a), k -> new ArrayList<>()).add(a);
        b.append("# Usage, on ").append(host).append(": sh ").append(ExportFile.safe(host, ".sh")).append(" WAVE PHASE, for WAVE PHASE in: ")
                .append(String.join(", ", blocks.keySet().stream().map(k -> k.replace(':', ' ')).toList())).append('\n')
                .append("#   prepare: before the wave's migrations; cleanup: after them\n")
                .append("set -eu\n")
                .append("[ $# -eq 2 ] || { echo \"usage: sh $0 WAVE prepare|cleanup\" >&2; exit 2; }\n")
                .append("case \"$1:$2\" in\n");
        blocks.forEach((key, as) -> {
            b.append(key).append(")\n");
            for (Plan.Action a : as) command(b, a, plan, facts);
            b.append("    ;;\n");
        });
        b.append("*)\n    echo \"$0: nothing for \"").append(Shell.quote(host)).append("\" in wave $1 $2\"\n    ;;\nesac\n");
        return b.toString();
    }

    private static void command(StringBuilder b, Plan.Action a, Plan plan, SourceFacts facts) {
        switch (a.op()) {
            case "create-mdev" -> create(b, a, plan, facts);
            case "remove-mdev" -> b.append("    # ").append(a.wave() == 0 ? "free mdev, removed to make room" : "source mdev of a VM that moved away").append('\n')
                    .append("    mdevctl stop --uuid ").append(a.uuid()).append(" || true  # already stopped is fine\n")
                    .append("    mdevctl undefine --parent ").append(Shell.quote(a.parent())).append(" --uuid ").append(a.uuid()).append('\n');
            default -> b.append("    # ").append(a.op()).append(' ').append(a.uuid() == null ? "" : a.uuid())
                    .append(": not an mdevctl operation, not exported here\n");
        }
    }

    private static void create(StringBuilder b, Plan.Action a, Plan plan, SourceFacts facts) {
        SourceFacts.Found f = SourceFacts.find(plan, a.uuid());
        String start = f == null ? null : facts.start(f.move(), f.device());
        if (f != null) b.append("    # for ").append(f.move().vm()).append(", arriving from ").append(f.move().from()).append(" (").append(f.move().mode().wire()).append(")\n");
        if (start == null) {
            b.append("    # start: manual (the fleet does not say how the source mdev was started)\n");
            start = "manual";
        }
        if (a.placement() != null)
            b.append("    # placement: the plan puts this mdev at slot offset ").append(a.placement())
                    .append("; mdevctl cannot set a placement, so set it with the driver's own tool before the start below,\n")
                    .append("    # or check afterwards that the driver chose the same one (later creates on this parent assume it)\n");
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("mdev_type", a.type());
        cfg.put("start", start);
        cfg.put("attrs", a.attrs() == null ? List.of() : a.attrs());
        b.append("    mdevctl define --parent ").append(Shell.quote(a.parent())).append(" --uuid ").append(a.uuid()).append(" --jsonfile /dev/stdin <<'DEVPLACE_JSON'\n")
                .append(json(cfg)).append("\nDEVPLACE_JSON\n")
                .append("    mdevctl start --parent ").append(Shell.quote(a.parent())).append(" --uuid ").append(a.uuid()).append('\n');
    }

    private static String json(Object o) {
        try {
            return COMPACT.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
