package io.devplace.whatif;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A heat map's device columns say what they are on the page, not only in tooltips. */
class HeatMapLabelsTest {
    @Test
    void everyDeviceCellHasAVisibleLabel() {
        HeatMap.Row r = new HeatMap.Row("gpu-a1", "active", 0.5, 0.25, List.of(
                new HeatMap.Cell("0000:3b:00.0", "NVIDIA A16", 0.75, ""), new HeatMap.Cell("matrix", "vfio_ap", 0.0, "")), null);
        String svg = HtmlReport.heatMap(List.of(r), null);
        // outside any <title>: the text element itself
        assertThat(svg).contains("<text class=\"dl\"").contains(">A16 3b</text>").contains(">vfio… mat…</text>");
        assertThat(svg.replaceAll("<title>[^<]*</title>", "")).contains("A16 3b");
    }
}
