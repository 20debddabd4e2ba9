package io.devplace.cli;

import io.devplace.solver.Planner;

import java.io.PrintWriter;
import java.util.function.Consumer;

/** A one-line progress display on stderr while solving, only when a person is watching a terminal. */
final class Progress implements Consumer<Planner.Progress> {
    private final PrintWriter err;
    private boolean shown;

    private Progress(PrintWriter err) { this.err = err; }

    static Progress forTerminal(PrintWriter err) {
        boolean tty = Boolean.getBoolean("devplace.stderrTty") || System.console() != null;
        return tty && System.getenv("CI") == null ? new Progress(err) : new Progress(null);
    }

    @Override
    public synchronized void accept(Planner.Progress p) {
        if (err == null) return;
        err.print("\r\u001b[Ksolving: best " + p.bestScore() + " after " + p.elapsedMillis() + " ms");
        err.flush();
        shown = true;
    }

    synchronized void done() {
        if (err != null && shown) { err.print("\r\u001b[K"); err.flush(); }
    }
}
