package io.devplace.planning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devplace.capacity.Instance;
import io.devplace.capacity.PackCapacity;
import io.devplace.cli.Output;
import io.devplace.model.Documents;
import io.devplace.model.Locations;
import io.devplace.model.Plan;
import io.devplace.problem.FleetView;
import io.devplace.rules.RuleBook;
import io.devplace.rules.RulePack;
import io.devplace.verify.PlanVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.devplace.planning.Fixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * L40S in mixed-size mode: each profile starts only at its placement IDs (the pack's {@code placements}), fewer
 * offsets than alignment alone allows. Planning, the sequencer and the verifier honour them.
 */
class L40sPlacementsTest {
    private static final String P2Q = "nvidia-1148", P4Q = "nvidia-1150", P8Q = "nvidia-1152", P16Q = "nvidia-1154", P24Q = "nvidia-1155";

    /**
     * Mixes on one empty L40S (16Q at 0, 32; 8Q at 0, 16, 24, 40; 4Q at 0, 8, 12, 20, 24, 32, 36, 44; 2Q at two of
     * every 6 GB; 24Q at 0, 24). {@code aligned}: whether the mix would fit if every multiple of the size were allowed,
     * so the refusals that matter are those where it says true.
     */
    @ParameterizedTest(name = "{0}: {1} (aligned offsets alone: {2})")
    @CsvSource({
            "'4 x 8Q + 16Q',         false, true",   // 8Q takes 0-7, 16-23, 24-31, 40-47: neither 16Q start is free
            "'2 x 8Q + 2 x 16Q',     true,  true",   // 16Q at 0 and 32, 8Q at 16 and 24: all 48 GB
            "'4 x 8Q',               true,  true",
            "'24Q + 8 x 2Q',         true,  true",   // 2Q at 24, 28, 30, 34, 36, 40, 42, 46 (or the mirror)
            "'24Q + 9 x 2Q',         false, true",   // the other 24 GB holds only eight 2Q starts
            "'24Q + 4 x 4Q',         true,  true",
            "'24Q + 5 x 4Q',         false, true",   // 4Q starts within one 24 GB half: 4 (0, 8, 12, 20 or 24, 32, 36, 44)
            "'16Q + 2 x 8Q + 3 x 4Q', true,  true",  // e.g. 16Q 0, 8Q 16 and 24, 4Q 32, 36 and 44
            "'16Q + 2 x 8Q + 4 x 4Q', false, true",  // every arrangement leaves 16 GB with only three 4Q starts
            "'2 x 24Q',              true,  true"})
    void mixesOnAnEmptyL40s(String mix, boolean fits, boolean aligned) {
        List<Instance> added = instances(mix);
        assertThat(l40s(true).fit(List.of(), added).fits()).as("with placement IDs").isEqualTo(fits);
        assertThat(l40s(false).fit(List.of(), added).fits()).as("with aligned offsets only").isEqualTo(aligned);
    }

    /** The accepted mixes come with placements that are all placement IDs of their types and do not overlap. */
    @Test
    void acceptedMixesGetOffsetsTheTypesMayStartAt() {
        List<Instance> added = instances("2 x 8Q + 2 x 16Q");
        assertThat(l40s(true).fit(List.of(), added).placements()).containsExactlyInAnyOrder(0L, 32L, 16L, 24L);
        List<Instance> twos = instances("24Q + 8 x 2Q");
        List<Long> offs = l40s(true).fit(List.of(), twos).placements();
        assertThat(offs.get(0)).isIn(0L, 24L);
        List<Long> allowed = List.of(0L, 4L, 6L, 10L, 12L, 16L, 18L, 22L, 24L, 28L, 30L, 34L, 36L, 40L, 42L, 46L);
        assertThat(offs.subList(1, offs.size())).allMatch(allowed::contains).doesNotHaveDuplicates()
                .allMatch(o -> o + 2 <= offs.get(0) || o >= offs.get(0) + 24);
    }

    /**
     * A 16Q VM leaves src. a-frag holds 8Q at 0 and 40: 16-31 is free and aligned, but 16Q may start only at 0 or 32.
     * Alone, a-frag cannot take it (FRAGMENTED); with b-room (8Q at 0, so 32 is free) the VM goes there. Without the
     * placement IDs the same fleet would put it on a-frag, which is the plan the driver refuses.
     */
    @Test
    void aTargetTheOffsetsRuleOutIsNotChosen() throws Exception {
        String frag = host("a-frag", 1, P8Q, 0, 2, P8Q, 40);
        String room = host("b-room", 3, P8Q, 0, 0, null, 0);
        String vms = vms(List.of("a-frag", "a-frag", "b-room"), List.of(1, 2, 3));

        Plan alone = Fixtures.plan(Fixtures.view(fleet(frag, vms.replace(residentOn("b-room", 3), ""))), "src");
        assertThat(alone.moves()).isEmpty();
        assertThat(alone.unplaced()).hasSize(1);
        assertThat(alone.unplaced().get(0).reasons()).anyMatch(r -> r.code().equals("FRAGMENTED"));

        Plan withAligned = Fixtures.plan(Fixtures.view(fleet(frag, vms.replace(residentOn("b-room", 3), "")), packWithoutPlacements()), "src");
        assertThat(Fixtures.move(withAligned, "big").to()).as("the aligned-only model takes a-frag").isEqualTo("a-frag");
        assertThat(Fixtures.move(withAligned, "big").devices().get(0).target().placement()).isEqualTo(16L);

        Plan both = Fixtures.plan(Fixtures.view(fleet(frag + room, vms)), "src");
        Plan.Move m = Fixtures.move(both, "big");
        assertThat(m.to()).isEqualTo("b-room");
        assertThat(m.devices().get(0).target().placement()).isEqualTo(32L);
    }

    /** A plan that creates a 16Q at 16 on b-room (aligned, free, but not a 16Q placement ID) is flagged by the verifier. */
    @Test
    void theVerifierFlagsAnInstanceAtAnOffsetItsTypeMayNotStartAt() throws Exception {
        String fleet = fleet(host("a-frag", 1, P8Q, 0, 2, P8Q, 40) + host("b-room", 3, P8Q, 0, 0, null, 0),
                vms(List.of("a-frag", "a-frag", "b-room"), List.of(1, 2, 3)));
        FleetView view = Fixtures.view(fleet);
        Plan good = Fixtures.plan(view, "src");
        ObjectNode json = (ObjectNode) Output.JSON.readTree(Output.json(good));
        for (JsonNode m : json.get("moves"))
            for (JsonNode d : m.get("devices")) ((ObjectNode) d.get("target")).put("placement", 16);
        for (JsonNode a : json.get("actions")) if (a.has("placement")) ((ObjectNode) a).put("placement", 16);
        Plan bad = Documents.bind(json, Plan.class, new Locations("plan.json"));
        List<String> v = PlanVerifier.verify(view.fleet(), view.rules(), bad).list();
        assertThat(v).anyMatch(s -> s.contains("placement 16 of") && s.contains("is not one its type " + P16Q + " may start at [0, 32]"));
        assertThat(PlanVerifier.verify(view.fleet(), view.rules(), good).list()).isEmpty();
    }

    /**
     * One move per wave onto dst, whose 16Q at 32 leaves 0-31 free: the incoming 16Q may start only at 0, so the 8Q
     * that moves first must not take 0 (its lowest start) nor 8 (aligned, but not an 8Q placement ID). The sequencer
     * keeps room for the later wave at offsets the types may start at, and the verifier accepts the result.
     */
    @Test
    void theSequencerKeepsRoomAtOffsetsTheLaterTypeMayStartAt() {
        String fleet = "apiVersion: devplace/v1\nkind: Fleet\nhosts:\n"
                + host("src", 1, P8Q, 0, 2, P16Q, 32) + host("dst", 3, P16Q, 32, 0, null, 0)
                + "vms:\n"
                + "  - {name: a-small, host: src, cpus: 2, memoryMiB: 2048, devices: [{mdev: \"" + uuid(1) + "\"}]}\n"
                + "  - {name: b-large, host: src, cpus: 2, memoryMiB: 2048, devices: [{mdev: \"" + uuid(2) + "\"}]}\n"
                + residentOn("dst", 3);
        Plan p = Fixtures.plan(Fixtures.view(fleet), Fixtures.policy(java.util.Map.of("maxParallel", 1L)), "src");
        assertThat(p.unplaced()).isEmpty();
        assertThat(p.summary().waves()).isEqualTo(2);
        assertThat(Fixtures.move(p, "b-large").devices().get(0).target().placement()).isEqualTo(0L);
        assertThat(Fixtures.move(p, "a-small").devices().get(0).target().placement()).isIn(16L, 24L);
    }

    // ------------------------------------------------------------------ fixtures

    private static String fleet(String targets, String vms) {
        return "apiVersion: devplace/v1\nkind: Fleet\nhosts:\n" + host("src", 9, P16Q, 0, 0, null, 0) + targets + "vms:\n" + vms;
    }

    /** A host with one L40S holding an instance of {@code t1} at {@code o1} (uuid n1) and optionally one of {@code t2}. */
    private static String host(String name, int n1, String t1, long o1, int n2, String t2, long o2) {
        String mdevs = "{uuid: \"" + uuid(n1) + "\", type: " + t1 + ", placement: " + o1 + "}"
                + (t2 == null ? "" : ", {uuid: \"" + uuid(n2) + "\", type: " + t2 + ", placement: " + o2 + "}");
        return "  - name: " + name + "\n    cpus: 64\n    memoryMiB: 262144\n    attributes: " + Fixtures.A16 + "\n    devices:\n"
                + "      - {id: \"0000:ca:00.0\", driver: nvidia, model: \"NVIDIA L40S\", mdevs: [" + mdevs + "]}\n";
    }

    private static String residentOn(String host, int n) {
        return "  - {name: r" + n + ", host: " + host + ", cpus: 2, memoryMiB: 2048, devices: [{mdev: \"" + uuid(n) + "\"}]}\n";
    }

    private static String vms(List<String> hosts, List<Integer> ns) {
        StringBuilder b = new StringBuilder("  - {name: big, host: src, cpus: 2, memoryMiB: 2048, devices: [{mdev: \"" + uuid(9) + "\"}]}\n");
        for (int i = 0; i < hosts.size(); i++) b.append(residentOn(hosts.get(i), ns.get(i)));
        return b.toString();
    }

    /** The bundled L40S pack with its placement IDs taken out: every multiple of a type's size allowed. */
    private static String packWithoutPlacements() throws java.io.IOException {
        String text = Files.readString(Path.of("rules/11-nvidia-l40s-mixed-size.yaml"));
        String stripped = text.replaceAll(",\\s*placements: \\[[^\\]]*\\]", "");
        assertThat(stripped).doesNotContain("placements:").isNotEqualTo(text);
        return stripped;
    }

    private static PackCapacity l40s(boolean withPlacements) {
        RulePack p;
        try {
            p = withPlacements ? RuleBook.bundled().stream().filter(lp -> lp.name().equals("nvidia-l40s-mixed-size")).findFirst().orElseThrow().pack()
                    : RuleBook.parse("l40s.yaml", packWithoutPlacements().getBytes(java.nio.charset.StandardCharsets.UTF_8)).pack();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new PackCapacity(p.capacity(), p.types());
    }

    /** "4 x 8Q + 16Q" as instances. */
    private static List<Instance> instances(String mix) {
        List<Instance> out = new ArrayList<>();
        for (String part : mix.split("\\+")) {
            String[] f = part.trim().split(" x ");
            int n = f.length == 2 ? Integer.parseInt(f[0]) : 1;
            String profile = f[f.length - 1];
            String type = switch (profile) {
                case "2Q" -> P2Q; case "4Q" -> P4Q; case "8Q" -> P8Q; case "16Q" -> P16Q; case "24Q" -> P24Q;
                default -> throw new IllegalArgumentException(profile);
            };
            for (int i = 0; i < n; i++) out.add(new Instance(uuid(out.size() + 100), type, 1, null));
        }
        return out;
    }
}
