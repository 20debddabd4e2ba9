package io.devplace.whatif;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Done-when of sharding, end to end: the example fleet and scenarios (plus a rack sweep), run unsharded through the CLI
 * and as 3 shards, each its own JVM process as a pod of an Indexed Job would run it ({@code --shard I/3 --out}),
 * merged by {@code whatif merge} into JSON, YAML and table. The merged JSON is the unsharded JSON byte for byte.
 */
class ShardedWhatifProcessTest {
    @TempDir
    Path dir;

    @Test
    void threeShardProcessesMergeIntoTheUnshardedReport() throws Exception {
        Path scenarios = dir.resolve("scenarios.yaml");
        Files.writeString(scenarios, Files.readString(Fixtures.example("scenarios.yaml")) + """
                  - name: n-plus-rack
                    eachLabelDown: rack
                """);
        String fleet = Fixtures.example("fleet.yaml").toString();
        List<String> common = List.of("whatif", "-f", fleet, "-s", scenarios.toString(), "--time-limit", "10s", "--seed", "11", "--threads", "1");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> shards = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path part = dir.resolve("part-" + i + ".json");
            parts.add(part.toString());
            List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "io.devplace.cli.Main"));
            cmd.addAll(common);
            cmd.addAll(List.of("--shard", i + "/3", "--out", part.toString()));
            shards.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("shard-" + i + ".log").toFile()).start());
        }
        // the unsharded run meanwhile, in this JVM
        List<String> whole = new ArrayList<>(common);
        whole.addAll(List.of("-o", "json"));
        Fixtures.Run unsharded = Fixtures.cli(whole.toArray(String[]::new));
        assertThat(unsharded.code()).as(unsharded.err()).isEqualTo(3); // the example has infeasible scenarios
        for (int i = 0; i < 3; i++) {
            Process p = shards.get(i);
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
            String log = Files.readString(dir.resolve("shard-" + i + ".log"));
            assertThat(p.exitValue()).as(log).isZero(); // a shard's part is written: feasibility is the merge's to say
            assertThat(log).contains("shard " + i + "/3");
        }

        List<String> merge = new ArrayList<>(List.of("whatif", "merge"));
        for (int i = parts.size() - 1; i >= 0; i--) merge.add(parts.get(i)); // any order
        merge.addAll(List.of("-o", "json"));
        Fixtures.Run merged = Fixtures.cli(merge.toArray(String[]::new));
        assertThat(merged.code()).as(merged.err()).isEqualTo(3);
        assertThat(merged.out()).isEqualTo(unsharded.out());

        List<String> table = new ArrayList<>(merge.subList(0, merge.size() - 2));
        table.addAll(List.of("-o", "table"));
        Fixtures.Run t = Fixtures.cli(table.toArray(String[]::new));
        assertThat(t.out()).contains("n-plus-rack").contains("failures of one rack: 3");
        Path out = dir.resolve("report.yaml");
        table.set(table.size() - 1, "yaml");
        table.addAll(List.of("--out", out.toString()));
        assertThat(Fixtures.cli(table.toArray(String[]::new)).code()).isEqualTo(3);
        assertThat(Files.readString(out)).startsWith("apiVersion: devplace/v1\nkind: WhatIfReport\n");
    }

    @Test
    void mergeProblemsExit4AndShardUsageErrorsExit2() throws Exception {
        Path part = dir.resolve("part.json");
        Fixtures.Run r = Fixtures.cli("whatif", "-f", Fixtures.example("fleet.yaml").toString(), "-s", Fixtures.example("scenarios.yaml").toString(),
                "--time-limit", "10s", "--seed", "1", "--shard", "1/2", "--out", part.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Fixtures.Run missing = Fixtures.cli("whatif", "merge", part.toString());
        assertThat(missing.code()).isEqualTo(4);
        assertThat(missing.err()).contains("missing shard(s) [0] of 2");
        Fixtures.Run none = Fixtures.cli("whatif", "merge", dir.resolve("nope.json").toString());
        assertThat(none.code()).isEqualTo(4);
        assertThat(none.err()).contains("nope.json");
        for (String bad : List.of("2/2", "0/0", "1-2", "x/3"))
            assertThat(Fixtures.cli("whatif", "-f", "f", "-s", "s", "--shard", bad).code()).as(bad).isEqualTo(2);
        assertThat(Fixtures.cli("whatif", "-f", "f", "-s", "s", "--shard", "0/2", "-o", "html").code()).isEqualTo(2);
        assertThat(Fixtures.cli("whatif", "merge").code()).isEqualTo(2);
        assertThat(Fixtures.cli("whatif", "-s", "s").code()).isEqualTo(2);
    }
}
