package io.devplace.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The whatif progress line is for a person at a terminal: never written into a file, a pipe or a CI log. */
class SweepProgressTest {
    @Test
    void aTerminalSeesTheCountAndTheLineIsClearedAtTheEnd() {
        StringWriter w = new StringWriter();
        WhatifCommand.SweepProgress p = WhatifCommand.SweepProgress.of(new PrintWriter(w), true);
        p.solved(3, 3, "n-plus-1");
        assertThat(w.toString()).contains("whatif: 3/3 solves (n-plus-1)");
        p.done();
        assertThat(w.toString()).endsWith("\r\u001b[K");
    }

    @Test
    void nothingIsWrittenWhenStderrIsNotATerminal() {
        StringWriter w = new StringWriter();
        WhatifCommand.SweepProgress p = WhatifCommand.SweepProgress.of(new PrintWriter(w), false);
        for (int i = 1; i <= 10; i++) p.solved(i, 10, "n-plus-1");
        p.done();
        assertThat(w.toString()).isEmpty();
    }

    @Test
    void aSweepThroughTheCommandWithStderrCapturedPrintsNoProgress() {
        // surefire's stderr is not a terminal and the launcher's devplace.stderrTty is not set
        Cli.Result r = Cli.run("whatif", "-f", Cli.EXAMPLE, "-s", "examples/scenarios.yaml", "-o", "json", "--time-limit", "2s", "--seed", "1");
        assertThat(r.code()).as(r.toString()).isIn(0, 3);
        assertThat(r.err()).contains("solve(s) in").doesNotContain("\r").doesNotContain("\u001b[").doesNotContain("solves (");
    }
}
