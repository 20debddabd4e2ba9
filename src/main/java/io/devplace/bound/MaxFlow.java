package io.devplace.bound;

import java.util.ArrayDeque;
import java.util.Arrays;

/** Maximum flow (Dinic's algorithm) on a graph grown edge by edge; nodes are numbered from 0. */
final class MaxFlow {
    private int nodes;
    private int edges;
    private int[] head = new int[16];
    private int[] next = new int[64];
    private int[] to = new int[64];
    private long[] cap = new long[64];
    private int[] level;
    private int[] iter;

    int node() {
        if (nodes == head.length) head = Arrays.copyOf(head, nodes * 2);
        head[nodes] = -1;
        return nodes++;
    }

    void edge(int u, int v, long c) {
        if (edges + 2 > to.length) {
            int n = to.length * 2;
            next = Arrays.copyOf(next, n);
            to = Arrays.copyOf(to, n);
            cap = Arrays.copyOf(cap, n);
        }
        to[edges] = v; cap[edges] = c; next[edges] = head[u]; head[u] = edges++;
        to[edges] = u; cap[edges] = 0; next[edges] = head[v]; head[v] = edges++;
    }

    long solve(int s, int t) {
        long flow = 0;
        level = new int[nodes];
        iter = new int[nodes];
        while (bfs(s, t)) {
            System.arraycopy(head, 0, iter, 0, nodes);
            long f;
            while ((f = dfs(s, t, Long.MAX_VALUE)) > 0) flow += f;
        }
        return flow;
    }

    private boolean bfs(int s, int t) {
        Arrays.fill(level, -1);
        ArrayDeque<Integer> q = new ArrayDeque<>();
        level[s] = 0;
        q.add(s);
        while (!q.isEmpty()) {
            int u = q.poll();
            for (int e = head[u]; e >= 0; e = next[e])
                if (cap[e] > 0 && level[to[e]] < 0) {
                    level[to[e]] = level[u] + 1;
                    q.add(to[e]);
                }
        }
        return level[t] >= 0;
    }

    // depth is at most 5 in the bound's layered graph (source, VM, parent or free mdev, host, sink): recursion is fine
    private long dfs(int u, int t, long f) {
        if (u == t) return f;
        for (; iter[u] >= 0; iter[u] = next[iter[u]]) {
            int e = iter[u], v = to[e];
            if (cap[e] <= 0 || level[v] != level[u] + 1) continue;
            long d = dfs(v, t, Math.min(f, cap[e]));
            if (d > 0) {
                cap[e] -= d;
                cap[e ^ 1] += d;
                return d;
            }
        }
        return 0;
    }
}
