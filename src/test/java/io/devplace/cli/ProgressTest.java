package io.devplace.cli;

import io.devplace.solver.Planner;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress line: placed count and time budget, never a score, never a count that goes backwards. */
class ProgressTest {
    @Test
    void showsPlacedAndBudgetAndNeverGoesBackwards() {
        StringWriter s = new StringWriter();
        Progress p = Progress.to(new PrintWriter(s), 30_000);
        p.accept(new Planner.Progress("-2init/0hard/-3medium/-10soft", 400, 37, 40));
        p.accept(new Planner.Progress("0hard/-1medium/-8soft", 1500, 39, 40));
        // a second construction starts over: its early best places fewer
        p.accept(new Planner.Progress("-5init/0hard/-9medium/-1soft", 2600, 31, 40));
        String[] lines = s.toString().split("\r\u001b\\[K");
        assertThat(lines[lines.length - 1]).isEqualTo("solving: 39 of 40 VMs placed so far, 2.6 s of 30.0 s budget");
        assertThat(s.toString()).doesNotContain("hard").doesNotContain("soft");
    }
}
