package io.devplace.rules;

import io.devplace.model.Host;
import io.devplace.model.Mdev;
import io.devplace.model.ParentDevice;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import static io.devplace.rules.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matcher (docs/reference/rulepack.md, Compatibility descriptors) is deterministic and order-independent: the same inputs give the same recipe, a fresh or a
 * warm cache gives the same answers in any order of targets, and shuffling entries, variable bindings or fields
 * never changes whether a recipe exists; the planner's first-match and the verifier's any-match agree on it.
 */
class MatcherProperties {
    static final List<String> FIELDS = List.of("a", "b", "c");
    static final List<String> PATTERNS = List.of("1", "2", "1.0", "*", "1*", "*0", "?", "1.?", "x*", ">=1", "<2", "^1.0", "~1", "~1.0",
            "=1.0", ">1 <3", "2.0", "");
    static final List<String> VALUES = List.of("1", "2", "1.0", "1.5", "2.0", "x1", "10", "", "1.0.1");

    static Arbitrary<ConcreteEntry> entry() {
        Arbitrary<Map<String, FieldPattern>> fields = Arbitraries.maps(Arbitraries.of(FIELDS), Arbitraries.of(PATTERNS).map(FieldPattern::new))
                .ofMaxSize(3).map(LinkedHashMap::new);
        Arbitrary<List<Map<String, String>>> attrs = Arbitraries.of("1", "2", "3", "8", "9", "x").map(v -> Map.of("aggregator", v))
                .list().ofMaxSize(2);
        return Combinators.combine(Arbitraries.integers().between(0, 2), fields, attrs).as(ConcreteEntry::new);
    }

    @Provide
    Arbitrary<SourceDescriptor> sources() {
        return entry().list().ofMaxSize(5).map(es -> new SourceDescriptor("r", map("a", "1"), es));
    }

    @Provide
    Arbitrary<TargetOffer> targets() {
        Arbitrary<Map<String, String>> self = Arbitraries.maps(Arbitraries.of(FIELDS), Arbitraries.of(VALUES)).ofMaxSize(3).map(LinkedHashMap::new);
        Arbitrary<String> aggAttr = Arbitraries.of("aggregator", "other").injectNull(0.4);
        return Combinators.combine(self, aggAttr, Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 6),
                        Arbitraries.of(Set.<String>of(), Set.of("aggregator")))
                .as((s, attr, min, extra, packAttrs) -> new TargetOffer(s, attr, attr == null ? 1 : min, attr == null ? 1 : min + extra, packAttrs));
    }

    static <T> List<T> shuffled(List<T> l, Random r) {
        List<T> c = new ArrayList<>(l);
        Collections.shuffle(c, r);
        return c;
    }

    static <K, V> Map<K, V> shuffled(Map<K, V> m, Random r) {
        Map<K, V> c = new LinkedHashMap<>();
        for (K k : shuffled(new ArrayList<>(m.keySet()), r)) c.put(k, m.get(k));
        return c;
    }

    @Property(tries = 1000)
    void identicalInputsGiveIdenticalRecipes(@ForAll("sources") SourceDescriptor s, @ForAll("targets") TargetOffer t) {
        Match once = Matcher.compute(s, t);
        // equal copies, a fresh cache, a warm cache: all the same answer
        SourceDescriptor s2 = new SourceDescriptor(s.rule(), new LinkedHashMap<>(s.self()), new ArrayList<>(s.entries()));
        TargetOffer t2 = new TargetOffer(new LinkedHashMap<>(t.self()), t.aggregationAttr(), t.aggregationMin(), t.aggregationMax(), Set.copyOf(t.packAggregationAttrs()));
        Matcher warm = new Matcher();
        warm.match(s, t);
        assertThat(Matcher.compute(s2, t2)).isEqualTo(once);
        assertThat(new Matcher().match(s2, t2)).isEqualTo(once);
        assertThat(warm.match(s2, t2)).isEqualTo(once);
        if (once.compatible()) assertThat(Matcher.compute(s2, t2).recipe("p", "t")).isEqualTo(once.recipe("p", "t"));
        Statistics.label("compatible").collect(once.compatible());
    }

    @Property(tries = 1000)
    void shufflingEntriesAndFieldsNeverChangesWhetherARecipeExists(@ForAll("sources") SourceDescriptor s, @ForAll("targets") TargetOffer t,
                                                                   @ForAll Random random) {
        boolean any = false;
        for (ConcreteEntry e : s.entries()) any |= Matcher.entryMatches(e, t);
        Match m = Matcher.compute(s, t);
        // the planner's first match and the verifier's any-match agree
        assertThat(m.compatible()).isEqualTo(any);
        if (m.compatible()) assertThat(Matcher.entryMatches(m.entry(), t)).isTrue();

        List<ConcreteEntry> entries = new ArrayList<>();
        for (ConcreteEntry e : shuffled(s.entries(), random)) entries.add(new ConcreteEntry(e.index(), shuffled(e.fields(), random), e.attrs()));
        SourceDescriptor reordered = new SourceDescriptor(s.rule(), shuffled(s.self(), random), entries);
        TargetOffer t2 = new TargetOffer(shuffled(t.self(), random), t.aggregationAttr(), t.aggregationMin(), t.aggregationMax(), t.packAggregationAttrs());
        Match r = Matcher.compute(reordered, t2);
        assertThat(r.compatible()).isEqualTo(m.compatible());
        if (r.compatible()) assertThat(Matcher.entryMatches(r.entry(), t)).isTrue();

        // fields alone reordered, entries in place: the very same entry is chosen
        List<ConcreteEntry> sameOrder = new ArrayList<>();
        for (ConcreteEntry e : s.entries()) sameOrder.add(new ConcreteEntry(e.index(), shuffled(e.fields(), random), e.attrs()));
        Match f = Matcher.compute(new SourceDescriptor(s.rule(), s.self(), sameOrder), t2);
        assertThat(f.compatible()).isEqualTo(m.compatible());
        if (m.compatible()) assertThat(f.recipe("p", "t")).isEqualTo(m.recipe("p", "t"));
    }

    // ---------------------------------------------------------------- through a real pack: vars, entries, targets

    static final String GVTG;

    static {
        GVTG = TestPacks.aggregatingGvtgYaml();
    }

    static final List<String> GVT_TYPES = List.of("i915-GVTg_V5_1", "i915-GVTg_V5_2", "i915-GVTg_V5_4", "i915-GVTg_V5_8");

    /**
     * The bundled GVT-g pack with its {@code vars} values in another order and, optionally, a second entry (an exact
     * same-type rule) before or after the aggregation rule.
     */
    static RuleBook gvtg(List<Integer> n, int extraEntry) {
        // 24 orders x 3 variants: parse each once (the pack, not the matcher, is what is cached)
        return PACKS.computeIfAbsent(n + "/" + extraEntry, k -> parseGvtg(n, extraEntry)).fresh();
    }

    /** A parsed pack; each use gets a new RuleBook, so a new, empty matcher cache. */
    record Parsed(LoadedPack pack) {
        RuleBook fresh() { return new RuleBook(List.of(pack)); }
    }

    static final Map<String, Parsed> PACKS = new java.util.concurrent.ConcurrentHashMap<>();

    static Parsed parseGvtg(List<Integer> n, int extraEntry) {
        String vars = "vars: {n: [" + String.join(", ", n.stream().map(String::valueOf).toList()) + "]}";
        String text = GVTG.replace("vars: {n: [1, 2, 4, 8]}", vars);
        assertThat(text).contains(vars);
        String same = "    - {device_api: vfio-pci, mdev_type: \"${self.mdev_type}\", software_version: \"=${self.software_version}\"}\n";
        if (extraEntry == 1) text = text.replace("  compatible:\n", "  compatible:\n" + same);
        if (extraEntry == 2) text = text + same;
        return new Parsed(RuleBook.parse("gvtg.yaml", text.getBytes(StandardCharsets.UTF_8)));
    }

    record Gpu(String version, String type, String aggregator) {}

    @Provide
    Arbitrary<Gpu> gpus() {
        return Combinators.combine(Arbitraries.frequency(Tuple.of(3, "1.0"), Tuple.of(3, "1.1"), Tuple.of(2, "1.10"), Tuple.of(1, "2.0"),
                        Tuple.of(1, "x")), Arbitraries.of(GVT_TYPES),
                Arbitraries.of("1", "2", "3", "4", "8").injectNull(0.3)).as(Gpu::new);
    }

    /** For every target type, in the order given, with a fresh matcher: the recipe (null when none). */
    static Map<String, Recipe> landings(RuleBook book, Gpu src, Gpu dst, List<String> targetOrder) {
        Mdev m = src.aggregator == null ? Fixtures.mdev("u1", src.type) : Fixtures.mdev("u1", src.type, "aggregator", src.aggregator);
        ParentDevice sp = Fixtures.parent("0000:00:02.0", "i915", "Intel UHD 630", map("gvt_version", src.version), m);
        Host sh = Fixtures.host("src", map(), sp);
        SourceDescriptor sd;
        try {
            sd = book.govern(sh, sp).source(m, null, "vm device 0");
        } catch (TemplateException e) {
            return Map.of("error", new Recipe("-", "-", List.of(), e.getMessage()));
        }
        ParentDevice tp = Fixtures.parent("0000:00:02.0", "i915", "Intel UHD 630", map("gvt_version", dst.version));
        GovernedParent target = book.govern(Fixtures.host("dst", map(), tp), tp);
        Map<String, Recipe> out = new java.util.TreeMap<>();
        for (String t : targetOrder) {
            Match match = book.matcher().match(sd, target.offer(t));
            out.put(t, match.compatible() ? match.recipe(tp.id(), t) : null);
        }
        return out;
    }

    @Property(tries = 120)
    void shufflingVarsEntriesAndTargetsGivesTheSameRecipes(@ForAll("gpus") Gpu src, @ForAll("gpus") Gpu dst, @ForAll Random random,
                                                           @ForAll @IntRange(min = 0, max = 2) int extraEntry) {
        Map<String, Recipe> base = landings(gvtg(List.of(1, 2, 4, 8), 0), src, dst, GVT_TYPES);
        // the same variable values in another order, targets visited in another order: identical recipes
        Map<String, Recipe> shuffledVars = landings(gvtg(shuffled(List.of(1, 2, 4, 8), random), 0), src, dst, shuffled(GVT_TYPES, random));
        assertThat(shuffledVars).isEqualTo(base);
        // one more entry, before or after: a recipe exists for exactly the same targets plus those the exact rule allows
        Map<String, Recipe> more = landings(gvtg(shuffled(List.of(1, 2, 4, 8), random), extraEntry), src, dst, shuffled(GVT_TYPES, random));
        if (!base.containsKey("error")) {
            for (String t : GVT_TYPES) {
                if (base.get(t) != null) assertThat(more.get(t)).as("%s still has a recipe", t).isNotNull();
                if (extraEntry == 2 && base.get(t) != null) assertThat(more.get(t)).isEqualTo(base.get(t)); // appended: first match unchanged
            }
        }
        Statistics.label("recipes").collect(base.values().stream().filter(java.util.Objects::nonNull).count());
    }

    // ---------------------------------------------------------------- globs

    static boolean regexGlob(String glob, String value) {
        StringBuilder b = new StringBuilder();
        for (char c : glob.toCharArray()) b.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        return Pattern.compile(b.toString(), Pattern.DOTALL).matcher(value).matches();
    }

    @Provide
    Arbitrary<String> globs() { return Arbitraries.strings().withChars("ab*?\n").ofMaxLength(8); }

    @Provide
    Arbitrary<String> values() { return Arbitraries.strings().withChars("ab\n\uD83D\uDE00").ofMaxLength(8); }

    @Property(tries = 2000)
    void globsMatchAsTheShellDoes(@ForAll("globs") String glob, @ForAll("values") String value) {
        assertThat(FieldPattern.globMatches(glob, value)).as("'%s' ~ '%s'", glob, value).isEqualTo(regexGlob(glob, value));
    }

    @Property(tries = 50)
    void globsNeverBacktrackExponentially(@ForAll @IntRange(min = 1, max = 200) int stars, @ForAll @IntRange(min = 0, max = 2000) int length) {
        // A hang guard, not a speed test: linear matching takes well under a millisecond here even on a loaded
        // machine, while a backtracking matcher would need longer than the universe's age for these inputs.
        boolean m = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> new FieldPattern("*a".repeat(stars) + "b").matches("a".repeat(length)),
                () -> stars + " stars over " + length + " characters");
        assertThat(m).isFalse();
    }
}
