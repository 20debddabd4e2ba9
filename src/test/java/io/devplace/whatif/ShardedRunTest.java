package io.devplace.whatif;

import io.devplace.cli.Output;
import io.devplace.model.InvalidInputException;
import io.devplace.model.Policy;
import io.devplace.problem.FleetView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sharded runs assemble into the unsharded report, in process: each shard's part is written as JSON and read back
 * (as {@code whatif merge} does), on the example fleet with every kind of scenario. The processes test is
 * {@code ShardedWhatifProcessTest}.
 */
class ShardedRunTest {
    static final String SCENARIOS = """
            scenarios:
              - name: lose-rack-1
                down: {labels: {rack: r1}}
              - name: n-plus-1
                eachHostDown: true
              - name: n-plus-rack
                eachLabelDown: rack
              - name: grow
                add: [{count: 4, vm: {cpus: 8, memoryMiB: 32768, devices: [{type: nvidia-749}]}}]
              - name: n-plus-1-growing
                eachHostDown: true
                add: [{count: 2, vm: {cpus: 8, memoryMiB: 32768, devices: [{type: nvidia-749}]}}]
            """;
    static final WhatIfPart.Run RUN = new WhatIfPart.Run("sha256:f", "sha256:s", "sha256:p", 3L, 0, "devplace test");

    @TempDir
    static Path dir;
    static FleetView view;
    static WhatIf doc;
    static WhatIfAnalysis.Options opt;
    static String unsharded;

    @BeforeAll
    static void unshardedRun() throws Exception {
        view = Fixtures.view(Files.readString(Fixtures.example("fleet.yaml")));
        doc = Fixtures.whatIf(SCENARIOS, view);
        opt = new WhatIfAnalysis.Options(Policy.defaults().withTimeLimit("10s"), 3L, 2, null);
        unsharded = Output.json(WhatIfAnalysis.run(view, doc, opt, "fleet.yaml").report());
    }

    /** Computed once per N (the solves are the slow part), written to fresh files for each test that asks. */
    static final java.util.Map<Integer, List<String>> PARTS = new java.util.concurrent.ConcurrentHashMap<>();

    static List<String> parts(int n, String prefix) {
        List<String> json = PARTS.computeIfAbsent(n, k -> {
            WhatIfPart.Run run = new WhatIfPart.Run(RUN.fleet(), RUN.scenarios(), RUN.policy(), RUN.seed(), n, RUN.devplace());
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n; i++) out.add(Output.json(WhatIfAnalysis.compute(view, doc, opt, "fleet.yaml", run, new Shard(i, n))));
            return out;
        });
        List<String> files = new ArrayList<>();
        for (int i = 0; i < n; i++) files.add(Fixtures.write(dir, prefix + "-" + i + "-of-" + n + ".json", json.get(i)).toString());
        return files;
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2, 3, 5})
    void mergedPartsGiveTheUnshardedReportByteForByte(int n) {
        List<String> files = parts(n, "p");
        java.util.Collections.reverse(files); // order of the files does not matter
        WhatIfAnalysis.Result merged = WhatIfMerge.merge(files);
        assertThat(Output.json(merged.report())).isEqualTo(unsharded);
        assertThat(merged.details().solves()).isEqualTo(1 + 10 + 3 + 1 + 10);
    }

    @Test
    void theHtmlAndTableOfAMergedRunAreTheUnshardedOnesButForTimings() {
        WhatIfAnalysis.Result whole = WhatIfAnalysis.run(view, doc, opt, "fleet.yaml");
        WhatIfAnalysis.Result merged = WhatIfMerge.merge(parts(3, "h"));
        String meta = "<p class=\"meta\">.*</p>";
        assertThat(HtmlReport.render(merged.report(), merged.details()).replaceAll(meta, ""))
                .isEqualTo(HtmlReport.render(whole.report(), whole.details()).replaceAll(meta, ""));
        assertThat(TextReport.render(merged.report(), merged.details())).isEqualTo(TextReport.render(whole.report(), whole.details()));
    }

    @Test
    void eachShardComputesOnlyItsShareAndTogetherAllOfIt() throws Exception {
        List<String> files = parts(3, "c");
        int total = 0;
        for (String f : files) {
            int mine = Output.JSON.readTree(Path.of(f).toFile()).get("solved").size();
            assertThat(mine).as(f).isBetween(1, 24);
            total += mine;
        }
        assertThat(total).isEqualTo(25);
    }

    @Test
    void aMissingShardIsNamed() {
        List<String> files = parts(3, "m");
        assertThatThrownBy(() -> WhatIfMerge.merge(files.subList(0, 2))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("missing shard(s) [2] of 3");
    }

    @Test
    void aDuplicateShardNamesBothFiles() throws Exception {
        List<String> files = new ArrayList<>(parts(3, "d"));
        Path copy = dir.resolve("copy-of-1.json");
        Files.copy(Path.of(files.get(1)), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        files.add(copy.toString());
        assertThatThrownBy(() -> WhatIfMerge.merge(files)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(copy + ": shard: duplicate shard 1/3: " + files.get(1) + " is the same shard");
    }

    @Test
    void aShardOfAnotherRunIsNamedWithWhatDiffers() {
        List<String> mine = parts(3, "a");
        List<String> other = new ArrayList<>();
        WhatIfPart.Run run = new WhatIfPart.Run(RUN.fleet(), "sha256:other", RUN.policy(), RUN.seed(), 3, RUN.devplace());
        WhatIfPart p = WhatIfAnalysis.compute(view, doc, opt, "fleet.yaml", run, new Shard(2, 3));
        other.add(Fixtures.write(dir, "foreign-2.json", Output.json(p)).toString());
        assertThatThrownBy(() -> WhatIfMerge.merge(List.of(mine.get(0), mine.get(1), other.get(0)))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(other.get(0) + ": run: is a shard of another run than " + mine.get(0))
                .hasMessageContaining("scenarios sha256:other vs sha256:s");
        // a part of a run split differently is foreign too
        List<String> two = parts(2, "b");
        assertThatThrownBy(() -> WhatIfMerge.merge(List.of(mine.get(0), mine.get(1), two.get(1)))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("shards 2 vs 3");
    }

    @Test
    void aTamperedPartIsRefusedNotMerged() throws Exception {
        List<String> files = parts(2, "t");
        // a solve moved from one part into the other: given twice
        var a = (com.fasterxml.jackson.databind.node.ObjectNode) Output.JSON.readTree(Path.of(files.get(0)).toFile());
        var b = (com.fasterxml.jackson.databind.node.ObjectNode) Output.JSON.readTree(Path.of(files.get(1)).toFile());
        ((com.fasterxml.jackson.databind.node.ArrayNode) b.get("solved")).add(a.get("solved").get(0));
        Files.writeString(Path.of(files.get(1)), Output.json(b));
        assertThatThrownBy(() -> WhatIfMerge.merge(files)).isInstanceOf(InvalidInputException.class).hasMessageContaining("is given twice");
        // a worst failure that is no failure of the run
        var c = (com.fasterxml.jackson.databind.node.ObjectNode) Output.JSON.readTree(Path.of(files.get(0)).toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) c.get("worst").get(0)).put("failure", 99);
        Files.writeString(Path.of(files.get(0)), Output.json(c));
        assertThatThrownBy(() -> WhatIfMerge.merge(files)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(files.get(0) + ": worst[0]: not a failure of a sweep of the run");
        Files.writeString(Path.of(files.get(0)), Output.json(a));
        // an unknown field is a strict-reading error naming the path
        b.put("extra", 1);
        Files.writeString(Path.of(files.get(1)), Output.json(b));
        assertThatThrownBy(() -> WhatIfMerge.merge(files)).isInstanceOf(InvalidInputException.class).hasMessageContaining(files.get(1))
                .hasMessageContaining("extra");
        // a report is not a part
        Path report = Fixtures.write(dir, "report.json", unsharded);
        assertThatThrownBy(() -> WhatIfMerge.merge(List.of(report.toString()))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("expected kind: WhatIfPart");
    }
}
