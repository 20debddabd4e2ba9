package io.devplace.whatif;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.devplace.whatif.Fixtures.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

/** The HTML report is one self-contained file and escapes every name that comes from the inputs. */
class HtmlReportTest {
    static final String EVIL_HOST = "r&d \"<lab>\"";
    static final String EVIL_VM = "<script>alert('vm')</script>";
    static final String EVIL_SCENARIO = "<img src=x onerror=alert(1)>";
    static String html;
    static WhatIfAnalysis.Result result;

    @BeforeAll
    static void render() {
        String fleet = HEADER + "hosts:\n"
                + Fixtures.a16Host("x", "r1", "17.4", 64, "nvidia-715").replace("name: x", "name: '" + EVIL_HOST + "'")
                + Fixtures.a16Host("y", "r2", "17.4", 64, "nvidia-714")
                + "vms:\n  - {name: \"" + EVIL_VM + "\", host: '" + EVIL_HOST + "', cpus: 4, memoryMiB: 1024, devices: [{mdev: \""
                + Fixtures.uuid("x", 0, 0) + "\"}]}\n";
        result = Fixtures.run(Fixtures.view(fleet), "scenarios:\n  - name: '" + EVIL_SCENARIO + "'\n    down: {labels: {rack: r1}}\n"
                + "  - name: sweep\n    eachHostDown: true\n");
        html = HtmlReport.render(result.report(), result.details());
    }

    @Test
    void namesFromTheInputsAreEscaped() {
        assertThat(result.report().scenarios().get(0).unplacedVms()).extracting(u -> u.vm()).containsExactly(EVIL_VM);
        assertThat(html).doesNotContain(EVIL_VM).doesNotContain(EVIL_SCENARIO).doesNotContain(EVIL_HOST).doesNotContain("<script")
                .doesNotContain("<img");
        assertThat(html).contains("&lt;script&gt;alert(&#39;vm&#39;)&lt;/script&gt;")
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("r&amp;d &quot;&lt;lab&gt;&quot;");
    }

    @Test
    void theFileIsSelfContained() {
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link").doesNotContainIgnoringCase("@import")
                .doesNotContainIgnoringCase("url(").doesNotContain("href=\"http");
        assertThat(Pattern.compile("<[^>]*\\ssrc=").matcher(html).find()).as("no element loads a source").isFalse();
        Matcher m = Pattern.compile("https?://[^\"'\\s<)]+").matcher(html);
        while (m.find()) assertThat(m.group()).as("only the SVG namespace may be a URL").isEqualTo("http://www.w3.org/2000/svg");
        assertThat(html).contains("<svg class=\"chart\"").contains("<svg class=\"heat\"").contains("<style>");
    }

    @Test
    void keyNumbersAndSectionsAreThere() {
        WhatIfReport.ScenarioResult down = result.report().scenarios().get(0);
        assertThat(down.feasible()).isFalse();
        assertThat(html).contains("infeasible").contains("Headroom by device type").contains("Unplaced VMs")
                .contains("Single-host failures, worst first").contains("After the worst single failure");
        // y's one GPU holds an 8Q: room for one more 8Q; x's GPU is full (16Q)
        assertThat(result.report().base().headroom()).containsEntry("nvidia-714", 1L).containsEntry("nvidia-713", 0L);
        assertThat(html).contains("base (fleet as is): nvidia-714 headroom 1<").contains("<code>TYPE_LOCKED</code>");
    }

    @Test
    void heatColoursRunFromGreenToRed() {
        assertThat(HtmlReport.heat(0)).isEqualTo("#e8f5e9");
        assertThat(HtmlReport.heat(0.5)).isEqualTo("#fbbf24");
        assertThat(HtmlReport.heat(1)).isEqualTo("#b91c1c");
        assertThat(HtmlReport.heat(7)).isEqualTo("#b91c1c");
    }

    @Test
    void escapeHandlesEveryMarkupCharacter() {
        assertThat(HtmlReport.esc("a<b>&\"'\u0001")).isEqualTo("a&lt;b&gt;&amp;&quot;&#39;\uFFFD");
        assertThat(HtmlReport.esc(null)).isEmpty();
    }
}
