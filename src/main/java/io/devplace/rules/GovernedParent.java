package io.devplace.rules;

import io.devplace.model.Descriptor;
import io.devplace.model.Host;
import io.devplace.model.Mdev;
import io.devplace.model.ParentDevice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A parent device seen through the rule pack that governs it (or through the conservative no-pack fallback,
 * docs/reference/rulepack.md): which types it can create, what a candidate target of each type looks like, and what the descriptor
 * of an existing instance is.
 */
public final class GovernedParent {
    public static final String BUILTIN_RULE = "builtin-default";

    private final Host host;
    private final ParentDevice parent;
    private final LoadedPack pack;
    private final Map<String, Object> offers = new ConcurrentHashMap<>(); // TargetOffer or TemplateException
    private final Matcher matcher; // shares equal offers between parents; null: no sharing

    GovernedParent(Host host, ParentDevice parent, LoadedPack pack) { this(host, parent, pack, null); }

    GovernedParent(Host host, ParentDevice parent, LoadedPack pack, Matcher matcher) {
        this.host = host;
        this.parent = parent;
        this.pack = pack;
        this.matcher = matcher;
    }

    public Host host() { return host; }

    public ParentDevice parent() { return parent; }

    /** The governing pack, or null for the no-pack fallback. */
    public LoadedPack pack() { return pack; }

    public List<String> creatableTypes() {
        return new ArrayList<>(pack != null ? types().keySet() : parent.supportedTypes().keySet());
    }

    public boolean knowsType(String type) {
        return pack != null ? types().containsKey(type) : parent.supportedTypes().containsKey(type);
    }

    /**
     * The pack's types under the ids this parent uses: the pack's own ids, or — with {@code identifyTypesBy: name} on
     * a parent that lists {@code supportedTypes} — the id the parent reports for each type's name (a type whose name
     * the parent does not list is one it cannot create). Empty without a pack.
     */
    public Map<String, TypeSpec> types() {
        Map<String, TypeSpec> t = types;
        if (t == null) types = t = computeTypes();
        return t;
    }

    private volatile Map<String, TypeSpec> types;

    private Map<String, TypeSpec> computeTypes() {
        if (pack == null) return Map.of();
        RulePack rp = pack.pack();
        if (!rp.identifiesTypesByName() || parent.supportedTypes().isEmpty()) return rp.types();
        Map<String, String> idByName = new LinkedHashMap<>();
        parent.supportedTypes().forEach((id, st) -> { if (st != null && st.name() != null) idByName.putIfAbsent(st.name().trim(), id); });
        Map<String, TypeSpec> out = new LinkedHashMap<>();
        for (var e : rp.types().entrySet()) {
            String id = e.getValue().name() == null ? null : idByName.get(e.getValue().name().trim());
            if (id != null) out.put(id, e.getValue());
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    public TypeInfo type(String id) {
        if (pack != null) {
            TypeSpec t = types().get(id);
            if (t == null) return null;
            return new TypeInfo(id, t.name(), t.deviceApi(), t.stateMiB(), t.aggregation(), t.props());
        }
        var s = parent.supportedTypes().get(id);
        String api = s == null || s.deviceApi() == null ? "vfio-pci" : s.deviceApi();
        return new TypeInfo(id, s == null ? null : s.name(), api, 0, null, Map.of());
    }

    /** The aggregation value an instance of {@code type} with {@code attrs} has (absent = 1). */
    public long aggregationOf(String type, List<Map<String, String>> attrs) {
        TypeInfo t = type(type);
        if (t == null || t.aggregation() == null) return 1;
        String v = attrValue(attrs, t.aggregation().attrName());
        if (v == null) return 1;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * Why the driver would refuse an instance of {@code type} with {@code attrs} here, or null when it would not: an
     * aggregation value outside the type's [min, max], or other than 1 on a type of this pack that declares no
     * aggregation ({@link AggregationRule}). Null without a pack (no attribute is an aggregation attribute there)
     * and for a type this parent cannot create (reported on its own).
     */
    public AggregationRule.Problem aggregationProblem(String type, List<Map<String, String>> attrs) {
        if (pack == null || attrs == null) return null;
        Set<String> names = aggregationAttrs();
        if (names.isEmpty()) return null;
        TypeInfo t = type(type);
        if (t == null) return null;
        Aggregation a = t.aggregation();
        return AggregationRule.check(attrs, a == null ? null : a.attrName(), a == null ? 1 : a.minValue(),
                a == null || a.max() == null ? 1 : a.max(), names);
    }

    /** Its pack's {@code migration.maxParallelPerParent}: at most this many moves per wave out of, and into, this parent (0 = no limit). */
    public long maxParallelPerParent() { return pack == null ? 0 : pack.pack().maxParallelPerParent(); }

    public Set<String> aggregationAttrs() { return pack == null ? Set.of() : pack.pack().aggregationAttrs(); }

    /** Its pack's exclusive resources named by attrs ({@code capacity.resources}), or null. */
    public ResourceSpec resources() { return pack == null ? null : pack.pack().capacity().resources(); }

    public static String attrValue(List<Map<String, String>> attrs, String name) {
        String v = null;
        for (Map<String, String> a : attrs) if (a.containsKey(name)) v = a.get(name);
        return v;
    }

    DeviceContext context(String type, List<Map<String, String>> attrs) {
        TypeInfo t = type(type);
        Map<String, String> da = new LinkedHashMap<>();
        for (Map<String, String> a : attrs) da.putAll(a);
        return new DeviceContext(host, parent, type, t == null ? null : t.deviceApi(), t == null ? null : t.name(),
                t == null ? Map.of() : t.props(), da);
    }

    /** What a new instance of {@code type} here looks like to the matcher. Throws {@link TemplateException} when its self is invalid. */
    public TargetOffer offer(String type) {
        Object o = offers.get(type); // computeIfAbsent may lock the bin even when the key is there
        if (o == null) o = offers.computeIfAbsent(type, t -> {
            try {
                TargetOffer offer = buildOffer(t);
                return matcher == null ? offer : matcher.canonical(offer);
            } catch (TemplateException e) {
                return e;
            }
        });
        if (o instanceof TemplateException e) throw e;
        return (TargetOffer) o;
    }

    private TargetOffer buildOffer(String type) {
        TypeInfo t = type(type);
        DeviceContext ctx = context(type, List.of());
        Map<String, String> self = pack != null && pack.migration() != null ? pack.migration().instantiateSelf(ctx) : defaultSelf(ctx);
        Aggregation a = t == null ? null : t.aggregation();
        return new TargetOffer(Map.copyOf(self), a == null ? null : a.attrName(), a == null ? 1 : a.minValue(),
                a == null || a.max() == null ? 1 : a.max(), aggregationAttrs());
    }

    /** The descriptor of an existing instance: explicit on the VM device, else the pack's template, else the built-in default. */
    public SourceDescriptor source(Mdev m, Descriptor explicit, String label) {
        DeviceContext ctx = context(m.type(), m.attrs());
        if (explicit != null)
            return DescriptorTemplate.compile(explicit, label, "device:" + label, label + ".compatibility").instantiate(ctx);
        if (pack != null && pack.migration() != null) return pack.migration().instantiate(ctx);
        return defaultSource(ctx, m.attrs());
    }

    private Map<String, String> defaultSelf(DeviceContext ctx) {
        Map<String, String> self = new LinkedHashMap<>();
        if (ctx.deviceApi() != null) self.put("device_api", ctx.deviceApi());
        self.put("mdev_type", ctx.typeId());
        String sv = parent.attributes().get("software_version");
        if (sv != null) self.put("software_version", sv);
        return self;
    }

    /** docs/reference/rulepack.md built-in default: same device_api and mdev_type, attrs copied, and ^M.m when the source has a version. */
    private SourceDescriptor defaultSource(DeviceContext ctx, List<Map<String, String>> attrs) {
        Map<String, String> self = defaultSelf(ctx);
        LinkedHashMap<String, FieldPattern> f = new LinkedHashMap<>();
        if (self.containsKey("device_api")) f.put("device_api", new FieldPattern(self.get("device_api")));
        f.put("mdev_type", new FieldPattern(self.get("mdev_type")));
        String mm = Versions.majorMinor(self.get("software_version"));
        if (mm != null) f.put("software_version", new FieldPattern("^" + mm));
        List<Map<String, String>> copied = new ArrayList<>();
        for (Map<String, String> a : attrs) copied.add(Map.copyOf(a));
        return new SourceDescriptor(BUILTIN_RULE, Map.copyOf(self), List.of(new ConcreteEntry(0, f, copied)));
    }

    /** Pack {@code requires} that do not hold on this parent's host, as messages; empty when all hold or no pack. */
    public List<String> requiresFailures() {
        List<String> r = requiresFailures;
        if (r == null) requiresFailures = r = List.copyOf(computeRequiresFailures());
        return r;
    }

    private volatile List<String> requiresFailures;

    private List<String> computeRequiresFailures() {
        if (pack == null) return List.of();
        List<String> out = new ArrayList<>();
        DeviceContext ctx = context(null, List.of());
        for (var r : pack.pack().requires().entrySet()) {
            String have;
            try {
                have = Template.compile("${" + r.getKey() + "}").evaluate(ctx.scope(Map.of(), Map.of()));
            } catch (TemplateException e) {
                have = null;
            }
            if (!new FieldPattern(r.getValue()).matches(have))
                out.add(pack.name() + " requires " + r.getKey() + " " + r.getValue() + " on " + host.name() + ", which has "
                        + (have == null ? "none" : "\"" + have + "\""));
        }
        return out;
    }
}
