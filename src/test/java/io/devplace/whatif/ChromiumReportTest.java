package io.devplace.whatif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The report as a person sees it: the example fleet's report rendered by headless Chromium, its text read back from
 * the rendered DOM and checked against the JSON report's numbers, and a screenshot that is not blank. Skipped where
 * Chromium is not installed (install it with {@code apt-get install chromium}).
 */
class ChromiumReportTest {
    @TempDir
    static Path dir;
    static String chromium;
    static JsonNode json;
    static Path html;

    @BeforeAll
    static void render() throws Exception {
        chromium = onPath("chromium", "chromium-browser", "google-chrome");
        assumeTrue(chromium != null, "chromium is not on PATH");
        html = dir.resolve("report.html");
        // one analysis, rendered both ways, so the page and the JSON describe the same plans
        io.devplace.problem.FleetView view = io.devplace.cli.FleetInput.load("examples/fleet.yaml",
                Files.readAllBytes(Fixtures.example("fleet.yaml")), io.devplace.rules.RuleBook.bundledOnly(), false).view();
        WhatIf doc = WhatIfReader.read(Fixtures.example("scenarios.yaml").toString(), view);
        WhatIfAnalysis.Result r = WhatIfAnalysis.run(view, doc,
                new WhatIfAnalysis.Options(io.devplace.model.Policy.defaults().withTimeLimit("2s"), 11L, 0, null), "examples/fleet.yaml");
        Files.writeString(html, HtmlReport.render(r.report(), r.details()));
        json = new ObjectMapper().readTree(io.devplace.cli.Output.json(r.report()));
    }

    @Test
    void theRenderedPageShowsTheKeyNumbers() throws Exception {
        String dom = chrome("--dump-dom", html.toUri().toString());
        String text = dom.replaceAll("(?s)<style>.*?</style>", " ").replaceAll("<[^>]+>", " ").replace("&nbsp;", " ")
                .replaceAll("\\s+", " ");
        assertThat(text).contains("Capacity what-if").contains("examples/fleet.yaml");
        for (JsonNode s : json.get("scenarios")) {
            // the summary row: name, result, placed, unplaced, moves, immobile
            String row = s.get("name").asText() + " " + (s.get("feasible").asBoolean() ? "feasible" : "infeasible") + " "
                    + num(s.get("placed")) + " " + s.get("unplaced").asLong() + " " + num(s.get("moves")) + " "
                    + (s.get("immobile").isNull() ? "–" : String.valueOf(s.get("immobile").size()));
            assertThat(text).contains(row);
            for (JsonNode u : s.get("unplacedVms")) assertThat(text).contains(u.get("vm").asText());
        }
        // headroom of the 4Q type, base and every scenario, as the chart labels them
        StringBuilder a16 = new StringBuilder("nvidia-713 NVIDIA A16-4Q " + json.get("base").get("headroom").get("nvidia-713").asLong());
        for (JsonNode s : json.get("scenarios")) a16.append(' ').append(s.get("headroom").get("nvidia-713").asLong());
        assertThat(text).contains(a16.toString());
        JsonNode grow = json.get("scenarios").get(2);
        assertThat(text).contains("Template 0: " + grow.get("templateHeadroom").get(0).get("fits").asLong() + " more fit.");
        JsonNode sweep = json.get("scenarios").get(4);
        assertThat(text).contains("worst: " + sweep.get("failures").get(0).get("host").asText() + " down leaves " + sweep.get("unplaced").asLong());
    }

    @Test
    void theScreenshotIsNotBlank() throws Exception {
        Path png = dir.resolve("report.png");
        chrome("--screenshot=" + png, "--window-size=1400,2000", html.toUri().toString());
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1400);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) for (int x = 0; x < img.getWidth(); x += 7) colours.add(img.getRGB(x, y));
        assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(20);
    }

    private static String num(JsonNode n) { return n.isNull() ? "–" : String.valueOf(n.asLong()); }

    private static String chrome(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chrome")));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "chrome", ".out");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s");
        }
        assertThat(p.exitValue()).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String onPath(String... names) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String n : names)
            for (String d : path.split(File.pathSeparator)) {
                File f = new File(d, n);
                if (f.isFile() && f.canExecute()) return f.getPath();
            }
        return null;
    }

}
