package io.devplace.rules;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Exclusive per-parent resources named by an instance's attrs (pack field {@code capacity.resources}): an instance
 * holds every combination of the values written to the {@code product} attrs (their cross product; an attr may be
 * written several times), and no two instances on one parent may hold the same combination. vfio_ap's APQNs are the
 * case in point: adapters × domains, each (adapter, domain) pair assignable to one mdev only. {@code values} says how
 * the driver reads a written value, so that two spellings of one number are one resource; {@code offered} optionally
 * names a parent attribute listing the resources the parent may hand out at all.
 */
public record ResourceSpec(String name, List<String> product, String values, Offered offered) {
    /** {@code values}: the written text as it is; or an unsigned integer read as the kernel's kstrtoul(s, 0) reads it. */
    public static final String TEXT = "text", INTEGER = "integer";

    /**
     * The parent attribute listing what a parent offers ({@code attribute}), one resource per entry (entries separated
     * by commas or white space, an entry's values joined by "." in {@code product} order), and the base its numbers
     * are written in ({@code radix}, without prefix; absent = read as the attrs are). {@code sysfs}: a directory whose
     * entries, those whose names match {@code entries} (a regular expression; absent = all), are what a host offers:
     * the sysfs importer sets the attribute from it on the parents of the pack's driver.
     */
    public record Offered(String attribute, Integer radix, String sysfs, String entries) {
        public Offered(String attribute, Integer radix) { this(attribute, radix, null, null); }
    }

    public ResourceSpec {
        name = name == null || name.isBlank() ? "resource" : name;
        product = product == null ? List.of() : List.copyOf(product);
        values = values == null ? TEXT : values;
    }

    /**
     * What an instance's attrs hold: its resources in the order written, and why the driver would refuse them (a value
     * it cannot read, or more than any parent holds), one sentence each.
     */
    public record Held(Set<String> resources, List<String> unreadable) {}

    /** The resources an instance with {@code attrs} holds (none when one of the product attrs is not written). */
    public Held held(List<Map<String, String>> attrs) {
        Map<String, Set<String>> byAttr = new LinkedHashMap<>();
        for (String a : product) byAttr.put(a, new LinkedHashSet<>());
        List<String> bad = new ArrayList<>();
        for (Map<String, String> m : attrs == null ? List.<Map<String, String>>of() : attrs)
            for (var e : m.entrySet()) {
                Set<String> s = byAttr.get(e.getKey());
                if (s == null) continue;
                String c = canonical(e.getValue());
                if (c == null) bad.add(e.getKey() + "=" + e.getValue() + " is not a value the driver reads");
                else s.add(c);
            }
        long n = 1;
        for (Set<String> v : byAttr.values()) n = Math.min(MAX_HELD + 1, n * v.size());
        if (n > MAX_HELD) {
            bad.add("the cross product of " + String.join(" x ", product) + " holds more than " + MAX_HELD + " " + name + "s");
            return new Held(Set.of(), bad);
        }
        Set<String> out = new LinkedHashSet<>();
        cross(new ArrayList<>(byAttr.values()), 0, "", out);
        return new Held(out, bad);
    }

    /** Resources one instance may hold: 256 adapters × 256 domains, the AP architecture's largest matrix; beyond it input is refused. */
    public static final long MAX_HELD = 65_536;

    private static void cross(List<Set<String>> sets, int i, String prefix, Set<String> out) {
        if (i == sets.size()) { if (!sets.isEmpty()) out.add(prefix); return; }
        for (String v : sets.get(i)) cross(sets, i + 1, i == 0 ? v : prefix + "." + v, out);
    }

    /**
     * One spelling per value: for {@code integer}, what kstrtoul(s, 0) reads (Linux lib/kstrtox.c: an optional "+",
     * "0x"/"0X" then hex digits = base 16, else a leading "0" = base 8, else base 10; one trailing newline allowed),
     * written as lower-case hex with "0x"; so "0x0a", "10" and "012" are one value. Null when the driver would refuse
     * the write (EINVAL). For {@code text}, the value itself.
     */
    public String canonical(String value) {
        if (value == null) return null;
        if (!INTEGER.equals(values)) return value;
        BigInteger n = kstrtoul(value);
        return n == null ? null : "0x" + n.toString(16);
    }

    static BigInteger kstrtoul(String value) {
        String s = value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
        if (s.startsWith("+")) s = s.substring(1);
        int base = 10;
        if (s.startsWith("0")) {
            boolean hex = s.length() > 2 && (s.charAt(1) == 'x' || s.charAt(1) == 'X') && Character.digit(s.charAt(2), 16) >= 0;
            if (hex) { base = 16; s = s.substring(2); } else base = 8;
        }
        if (s.isEmpty()) return null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 127 || Character.digit(c, base) < 0) return null; // ASCII digits only, as _parse_integer reads them
        }
        BigInteger n = new BigInteger(s, base);
        return n.bitLength() > 64 ? null : n; // ERANGE above an unsigned long
    }

    /** A resource as people read it: the product attrs with its values, e.g. {@code assign_adapter=0x5, assign_domain=0x4}. */
    public String describe(String resource) {
        String[] v = resource.split("\\.", -1);
        if (v.length != product.size()) return resource;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < v.length; i++) parts.add(product.get(i) + "=" + v[i]);
        return name + " " + resource + " (" + String.join(", ", parts) + ")";
    }

    /**
     * The resources a parent with {@code attributes} offers, canonical; null when the pack names no {@code offered}
     * attribute or the parent does not set it (then any resource may be held). Throws IllegalArgumentException naming
     * the entry that cannot be read.
     */
    public Set<String> offeredBy(Map<String, String> attributes) {
        if (offered == null || offered.attribute() == null || attributes == null) return null;
        String list = attributes.get(offered.attribute());
        if (list == null) return null;
        Set<String> out = new LinkedHashSet<>();
        for (String entry : list.trim().split("[,\\s]+")) {
            if (entry.isEmpty()) continue;
            String[] v = entry.split("\\.", -1);
            if (v.length != product.size())
                throw new IllegalArgumentException("entry '" + entry + "' of attribute " + offered.attribute() + " has " + v.length
                        + " value(s), expected " + product.size() + " joined by '.' (" + String.join(".", product) + ")");
            List<String> c = new ArrayList<>();
            for (String x : v) {
                String k = offered.radix() == null ? canonical(x) : inRadix(x, offered.radix());
                if (k == null)
                    throw new IllegalArgumentException("entry '" + entry + "' of attribute " + offered.attribute() + ": '" + x + "' is not "
                            + (offered.radix() == null ? "a value the driver reads" : "a base-" + offered.radix() + " number"));
                c.add(k);
            }
            out.add(String.join(".", c));
        }
        return out;
    }

    private String inRadix(String x, int radix) {
        String s = radix == 16 && (x.startsWith("0x") || x.startsWith("0X")) ? x.substring(2) : x;
        if (s.isEmpty()) return null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 127 || Character.digit(c, radix) < 0) return null;
        }
        BigInteger n = new BigInteger(s, radix);
        if (n.bitLength() > 64) return null;
        return INTEGER.equals(values) ? "0x" + n.toString(16) : n.toString(radix);
    }

    /**
     * {@code attrs} flattened for comparison: last write wins, except that each product attr keeps every value written
     * to it, as the set of canonical values (the driver sets a bit per write; writing a value twice changes nothing).
     */
    public Map<String, String> flatten(List<Map<String, String>> attrs) {
        Map<String, String> m = new LinkedHashMap<>();
        Map<String, Set<String>> sets = new LinkedHashMap<>();
        for (Map<String, String> a : attrs)
            for (var e : a.entrySet()) {
                if (product.contains(e.getKey())) {
                    String c = canonical(e.getValue());
                    sets.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(c == null ? "?" + e.getValue() : c);
                } else m.put(e.getKey(), e.getValue());
            }
        sets.forEach((k, s) -> m.put(k, String.join(",", s)));
        return m;
    }
}
