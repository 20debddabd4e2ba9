package io.devplace.cli;

import io.devplace.solver.Planner;

import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * A one-line progress display on stderr while solving, only when a person is watching a terminal: how many of the
 * VMs to move the best plan so far places, and the time used of the budget. The solver may restart from scratch
 * (a second construction order) whose early best is worse: the line shows the best seen, never a figure that goes
 * backwards, and no score (scores are for machines: json, yaml).
 */
final class Progress implements Consumer<Planner.Progress> {
    private final PrintWriter err;
    private final long budgetMillis;
    private long bestPlaced = -1;
    private boolean shown;

    private Progress(PrintWriter err, long budgetMillis) {
        this.err = err;
        this.budgetMillis = budgetMillis;
    }

    static Progress forTerminal(PrintWriter err, long budgetMillis) {
        boolean tty = Boolean.getBoolean("devplace.stderrTty") || System.console() != null;
        return new Progress(tty && System.getenv("CI") == null ? err : null, budgetMillis);
    }

    /** For tests: a progress line written to {@code err} whatever it is. */
    static Progress to(PrintWriter err, long budgetMillis) { return new Progress(err, budgetMillis); }

    @Override
    public synchronized void accept(Planner.Progress p) {
        if (err == null) return;
        bestPlaced = Math.max(bestPlaced, p.placed());
        err.print("\r\u001b[K" + line(bestPlaced, p.evacuees(), p.elapsedMillis(), budgetMillis));
        err.flush();
        shown = true;
    }

    static String line(long placed, long evacuees, long elapsedMillis, long budgetMillis) {
        String time = PlanFormats.seconds(elapsedMillis) + " of " + PlanFormats.seconds(budgetMillis) + " budget";
        if (placed < 0 || evacuees < 0) return "solving: " + time;
        return "solving: " + placed + " of " + evacuees + " VMs placed so far, " + time;
    }

    synchronized void done() {
        if (err != null && shown) { err.print("\r\u001b[K"); err.flush(); }
    }
}
