package io.devplace.whatif;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shard {@code index} of {@code count} ({@code --shard I/N}): which solves of a what-if run one process computes.
 *
 * <p>The solves are dealt out by estimated cost, largest first, each to the shard with the least estimated work so
 * far (ties: the lower shard; equal costs: the earlier solve). The deal depends only on the inputs and {@code count},
 * so every shard of a run computes the same deal without talking to the others, and the shards' parts fit together
 * exactly. Costs are estimates: a failure costs its evacuees (the VMs of the hosts that go down) plus one; a whole
 * scenario costs its evacuees and added VMs plus one, plus its whole-fleet measures (headroom, immobile VMs, heat map)
 * at one unit per 20 hosts.
 */
public record Shard(int index, int count) {
    public static final Shard WHOLE = new Shard(0, 1);
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    public Shard {
        if (count < 1) throw new IllegalArgumentException("N must be at least 1 (got " + count + ")");
        if (index < 0 || index >= count) throw new IllegalArgumentException("I must be in 0.." + (count - 1) + " for N = " + count + " (got " + index + ")");
    }

    /** {@code I/N} with 0 ≤ I < N; anything else is an {@link IllegalArgumentException} saying what was expected. */
    public static Shard parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) throw new IllegalArgumentException("expected I/N with 0 <= I < N, e.g. 0/4, but got '" + text + "'");
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    @Override
    public String toString() { return index + "/" + count; }

    /** One solve of the run: scenario index, failure index within a sweep (-1: the whole scenario), estimated cost. */
    record Solve(int scenario, int failure, long cost) {}

    /** The solves this shard computes, in run order (scenario, then failure). */
    List<Solve> mine(List<Solve> all) {
        if (count == 1) return all;
        List<Solve> byCost = new ArrayList<>(all);
        byCost.sort(Comparator.comparingLong(Solve::cost).reversed()); // stable: equal costs keep run order
        long[] load = new long[count];
        List<Solve> out = new ArrayList<>();
        for (Solve s : byCost) {
            int least = 0;
            for (int k = 1; k < count; k++) if (load[k] < load[least]) least = k;
            load[least] += s.cost();
            if (least == index) out.add(s);
        }
        out.sort(Comparator.comparingInt(Solve::scenario).thenComparingInt(Solve::failure));
        return out;
    }
}
