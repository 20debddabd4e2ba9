package io.devplace.rules;

import io.devplace.model.Descriptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled descriptor template (a pack's {@code migration}, a device's explicit {@code compatibility}, or the
 * built-in default). Instantiating it for a device gives a {@link SourceDescriptor}; its {@code self} alone gives
 * what a candidate target looks like.
 */
public final class DescriptorTemplate {
    private final String origin; // for messages: "pack nvidia-a16-same-size" or "vm-17 device 0"
    private final String rule;   // recipe rule prefix
    private final LinkedHashMap<String, Template> self;
    private final List<EntryTemplate> entries;

    record EntryTemplate(int index, LinkedHashMap<String, List<String>> vars, LinkedHashMap<String, Template> fields,
                         List<Map.Entry<String, Template>> attrs) {}

    private DescriptorTemplate(String origin, String rule, LinkedHashMap<String, Template> self, List<EntryTemplate> entries) {
        this.origin = origin;
        this.rule = rule;
        this.self = self;
        this.entries = entries;
    }

    public String rule() { return rule; }

    /** Compiles {@code d}; structural problems throw {@link TemplateException} naming {@code pathPrefix}. */
    public static DescriptorTemplate compile(Descriptor d, String origin, String rule, String pathPrefix) {
        LinkedHashMap<String, Template> self = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        List<String> all = new ArrayList<>(d.self().keySet());
        for (var e : d.self().entrySet()) {
            String path = pathPrefix + ".self." + e.getKey();
            if (e.getValue() == null) throw new TemplateException(path + ": expected a string");
            Template t = compileAt(e.getValue(), path);
            for (List<String> ref : t.references()) {
                if (ref.size() >= 2 && ref.get(0).equals("self")) {
                    String f = ref.get(1);
                    if (f.equals(e.getKey())) throw new TemplateException(path + ": uses itself (self." + f + ")");
                    if (!seen.contains(f) && all.contains(f))
                        throw new TemplateException(path + ": uses self." + f + ", which is defined later; self fields may only use earlier ones");
                }
            }
            seen.add(e.getKey());
            self.put(e.getKey(), t);
        }
        List<EntryTemplate> entries = new ArrayList<>();
        for (int i = 0; i < d.compatible().size(); i++) entries.add(compileEntry(i, d.compatible().get(i), pathPrefix + ".compatible[" + i + "]"));
        return new DescriptorTemplate(origin, rule, self, entries);
    }

    private static Template compileAt(String text, String path) {
        try {
            return Template.compile(text);
        } catch (TemplateException e) {
            throw new TemplateException(path + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static EntryTemplate compileEntry(int index, Map<String, Object> raw, String path) {
        LinkedHashMap<String, List<String>> vars = new LinkedHashMap<>();
        LinkedHashMap<String, Template> fields = new LinkedHashMap<>();
        List<Map.Entry<String, Template>> attrs = new ArrayList<>();
        for (var e : raw.entrySet()) {
            String k = e.getKey();
            Object v = e.getValue();
            if (k.equals("vars")) {
                if (!(v instanceof Map<?, ?> m)) throw new TemplateException(path + ".vars: expected a mapping of name to a list or {min, max}");
                for (var ve : ((Map<String, Object>) m).entrySet()) vars.put(ve.getKey(), domain(ve.getValue(), path + ".vars." + ve.getKey()));
            } else if (k.equals("attrs")) {
                if (!(v instanceof List<?> l)) throw new TemplateException(path + ".attrs: expected a list of one-key mappings");
                for (int j = 0; j < l.size(); j++) {
                    if (!(l.get(j) instanceof Map<?, ?> am) || am.size() != 1)
                        throw new TemplateException(path + ".attrs[" + j + "]: expected a one-key mapping like {aggregator: \"2\"}");
                    var ae = ((Map<String, Object>) am).entrySet().iterator().next();
                    if (!(ae.getValue() instanceof String || ae.getValue() instanceof Number))
                        throw new TemplateException(path + ".attrs[" + j + "]." + ae.getKey() + ": expected a string");
                    attrs.add(Map.entry(ae.getKey(), compileAt(String.valueOf(ae.getValue()), path + ".attrs[" + j + "]." + ae.getKey())));
                }
            } else {
                if (!(v instanceof String || v instanceof Number))
                    throw new TemplateException(path + "." + k + ": expected a string pattern");
                fields.put(k, compileAt(String.valueOf(v), path + "." + k));
                String malformed = Versions.constraintProblem(String.valueOf(v));
                if (malformed != null) throw new TemplateException(path + "." + k + ": " + malformed);
            }
        }
        return new EntryTemplate(index, vars, fields, attrs);
    }

    private static List<String> domain(Object v, String path) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            if (l.isEmpty()) throw new TemplateException(path + ": expected a non-empty list of values");
            for (Object o : l) {
                if (!(o instanceof String || o instanceof Number)) throw new TemplateException(path + ": expected strings or numbers");
                out.add(String.valueOf(o));
            }
            return out;
        }
        if (v instanceof Map<?, ?> m && m.get("min") instanceof Number mn && m.get("max") instanceof Number mx && m.size() == 2) {
            long lo = mn.longValue(), hi = mx.longValue();
            if (lo > hi) throw new TemplateException(path + ": min " + lo + " is above max " + hi);
            // hi - lo overflows for ranges wider than a long; counting up to hi would wrap around at Long.MAX_VALUE
            if (hi - lo > 4096 || hi - lo < 0)
                throw new TemplateException(path + ": range of " + (java.math.BigInteger.valueOf(hi).subtract(java.math.BigInteger.valueOf(lo)).add(java.math.BigInteger.ONE))
                        + " values is above the limit of 4097");
            for (long i = 0; i <= hi - lo; i++) out.add(Long.toString(lo + i));
            return out;
        }
        throw new TemplateException(path + ": expected a list of values or {min: N, max: M}");
    }

    /** Instantiates {@code self} in {@code ctx}. An undefined reference, division by zero or inexact division is an error. */
    public LinkedHashMap<String, String> instantiateSelf(DeviceContext ctx) {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        for (var e : self.entrySet()) {
            try {
                out.put(e.getKey(), e.getValue().evaluate(ctx.scope(out, Map.of())));
            } catch (TemplateException ex) { // SkipBinding included: inexact division is an error in self
                throw new TemplateException(origin + ": self." + e.getKey() + ": " + ex.getMessage());
            }
        }
        return out;
    }

    /** The full source descriptor: {@code self}, then every concrete entry over every applicable variable binding. */
    public SourceDescriptor instantiate(DeviceContext ctx) {
        LinkedHashMap<String, String> s = instantiateSelf(ctx);
        List<ConcreteEntry> out = new ArrayList<>();
        for (EntryTemplate et : entries) expand(et, ctx, s, new ArrayList<>(et.vars().keySet()), 0, new LinkedHashMap<>(), out);
        return new SourceDescriptor(rule, Map.copyOf(s), List.copyOf(new ArrayList<>(new LinkedHashSet<>(out))));
    }

    private void expand(EntryTemplate et, DeviceContext ctx, Map<String, String> s, List<String> names, int i,
                        LinkedHashMap<String, String> binding, List<ConcreteEntry> out) {
        if (i < names.size()) {
            for (String v : et.vars().get(names.get(i))) {
                binding.put(names.get(i), v);
                expand(et, ctx, s, names, i + 1, binding, out);
            }
            binding.remove(names.get(i));
            return;
        }
        Scope scope = ctx.scope(s, binding);
        String at = "";
        try {
            LinkedHashMap<String, FieldPattern> f = new LinkedHashMap<>();
            for (var e : et.fields().entrySet()) {
                at = e.getKey();
                f.put(e.getKey(), new FieldPattern(e.getValue().evaluate(scope)));
            }
            List<Map<String, String>> attrs = new ArrayList<>();
            for (var a : et.attrs()) {
                at = "attrs." + a.getKey();
                attrs.add(Map.of(a.getKey(), a.getValue().evaluate(scope)));
            }
            out.add(new ConcreteEntry(et.index(), f, attrs));
        } catch (SkipBinding skip) {
            // this binding does not give whole numbers: it simply offers no target (docs/reference/rulepack.md)
        } catch (TemplateException ex) {
            throw new TemplateException(origin + ": compatible[" + et.index() + "]." + at + ": " + ex.getMessage());
        }
    }
}
