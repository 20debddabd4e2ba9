package io.devplace.model;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * An immutable list that also finds its first element of a given name, in constant time. {@link Fleet} keeps its hosts
 * and VMs in these: {@code Fleet.host(name)} and {@code Fleet.vm(name)} are asked per VM and per move all over the
 * code, and as linear scans they made reading a 500-host fleet, verifying a plan on 2,000 hosts and the what-if sweep
 * quadratic. A list like any other otherwise (equality, iteration, JSON), so the record's contract is unchanged.
 */
final class NamedList<T> extends AbstractList<T> implements RandomAccess {
    private final List<T> items;
    private final Function<T, String> name;
    /** Built on the first lookup (most lists are looked up in; some never are). Racing builds build the same map. */
    private volatile Map<String, T> byName;

    NamedList(List<T> items, Function<T, String> name) {
        this.items = List.copyOf(items);
        this.name = name;
    }

    @Override
    public T get(int index) { return items.get(index); }

    @Override
    public int size() { return items.size(); }

    /** The first element named {@code n}, or null (as a scan from the front would find it). */
    T named(String n) {
        if (n == null) return null;
        Map<String, T> m = byName;
        if (m == null) {
            m = new HashMap<>(Math.max(16, items.size() * 2));
            for (T t : items) {
                String k = name.apply(t);
                if (k != null) m.putIfAbsent(k, t);
            }
            byName = m;
        }
        return m.get(n);
    }
}
