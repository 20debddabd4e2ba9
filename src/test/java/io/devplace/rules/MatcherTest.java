package io.devplace.rules;

import io.devplace.model.Mdev;
import io.devplace.model.ParentDevice;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.devplace.rules.Fixtures.map;
import static io.devplace.rules.Fixtures.mdev;
import static org.assertj.core.api.Assertions.assertThat;

/** Matching semantics (entries OR, fields AND, directional) and the by-value cache. */
class MatcherTest {

    static ConcreteEntry entry(int index, List<Map<String, String>> attrs, String... fieldPatterns) {
        LinkedHashMap<String, FieldPattern> f = new LinkedHashMap<>();
        for (int i = 0; i + 1 < fieldPatterns.length; i += 2) f.put(fieldPatterns[i], new FieldPattern(fieldPatterns[i + 1]));
        return new ConcreteEntry(index, f, attrs);
    }

    static TargetOffer offer(String... kv) { return new TargetOffer(map(kv), null, 1, 1, Set.of()); }

    @Test
    void sameDescriptorAndOfferTwiceIsOneCacheEntry() {
        Matcher matcher = new Matcher();
        SourceDescriptor src = new SourceDescriptor("r", map("a", "1"), List.of(entry(0, List.of(), "a", "1")));
        TargetOffer t = offer("a", "1");
        Match first = matcher.match(src, t);
        Match second = matcher.match(src, t);
        assertThat(matcher.cachedPairs()).isEqualTo(1);
        assertThat(second).isSameAs(first);
        assertThat(first.compatible()).isTrue();
    }

    @Test
    void equalButDistinctDescriptorsAndOffersShareOneEntry() {
        RuleBook book = RuleBook.bundledOnly();
        Matcher matcher = new Matcher();
        // two devices of the same type on two different A16 boards in two hosts with the same release
        Map<String, String> attrs = map("vgpu_manager", "17.4", "libvirt", "10.0.0", "qemu", "8.2.2");
        ParentDevice p1 = Fixtures.parent("0000:3b:00.0", "nvidia", "NVIDIA A16", map());
        ParentDevice p2 = Fixtures.parent("0000:af:00.0", "nvidia", "NVIDIA A16", map());
        Mdev m1 = mdev("u1", "nvidia-713"), m2 = mdev("u2", "nvidia-713");
        GovernedParent g1 = book.govern(Fixtures.host("a", attrs, p1), p1);
        GovernedParent g2 = book.govern(Fixtures.host("b", attrs, p2), p2);
        SourceDescriptor s1 = g1.source(m1, null, "x"), s2 = g2.source(m2, null, "y");
        assertThat(s1).isEqualTo(s2).isNotSameAs(s2);
        TargetOffer o1 = g1.offer("nvidia-713"), o2 = g2.offer("nvidia-713");
        assertThat(o1).isEqualTo(o2); // equal offers may be shared (interned per RuleBook)

        matcher.match(s1, o1);
        matcher.match(s2, o2);
        matcher.match(s1, o2);
        assertThat(matcher.cachedPairs()).isEqualTo(1);
        matcher.match(s1, g1.offer("nvidia-714"));
        assertThat(matcher.cachedPairs()).isEqualTo(2);
        matcher.match(s1, g1.offer("nvidia-714"));
        assertThat(matcher.cachedPairs()).isEqualTo(2);
    }

    @Test
    void ruleBooksHaveOneMatcher() {
        RuleBook book = RuleBook.bundledOnly();
        assertThat(book.matcher()).isSameAs(book.matcher());
    }

    @Test
    void firstMatchingEntryWinsAndFieldsAreAnded() {
        SourceDescriptor src = new SourceDescriptor("r", map(), List.of(
                entry(0, List.of(Map.of("k", "first")), "a", "1", "b", "2"),
                entry(1, List.of(Map.of("k", "second")), "a", "1"),
                entry(2, List.of(Map.of("k", "third")), "a", "*")));
        Match m = Matcher.compute(src, offer("a", "1", "b", "3"));
        assertThat(m.compatible()).isTrue();
        assertThat(m.entry().index()).isEqualTo(1);
        assertThat(m.recipe("p", "t")).isEqualTo(new Recipe("p", "t", List.of(Map.of("k", "second")), "r#1"));
        assertThat(Matcher.compute(src, offer("a", "1", "b", "2")).entry().index()).isZero();
        assertThat(Matcher.compute(src, offer("a", "9")).entry().index()).isEqualTo(2);
    }

    @Test
    void extraTargetFieldsDoNotMatter() {
        SourceDescriptor src = new SourceDescriptor("r", map(), List.of(entry(0, List.of(), "a", "1")));
        assertThat(Matcher.compute(src, offer("a", "1", "z", "whatever")).compatible()).isTrue();
    }

    @Test
    void theRelationIsDirectional() {
        SourceDescriptor oldToNew = new SourceDescriptor("r", map("v", "1.0"), List.of(entry(0, List.of(), "v", ">=1.0")));
        SourceDescriptor newToOld = new SourceDescriptor("r", map("v", "2.0"), List.of(entry(0, List.of(), "v", ">=2.0")));
        assertThat(Matcher.compute(oldToNew, offer("v", "2.0")).compatible()).isTrue();
        assertThat(Matcher.compute(newToOld, offer("v", "1.0")).compatible()).isFalse();
    }

    @Test
    void failuresExplainEachEntryByItsFurthestBinding() {
        SourceDescriptor src = new SourceDescriptor("r", map(), List.of(
                entry(0, List.of(), "a", "1", "b", "x"),          // binding A of entry 0: fails at a
                entry(0, List.of(), "a", "2", "b", "y"),          // binding B of entry 0: gets to b
                entry(1, List.of(), "c", "3")));                 // target lacks c
        Match m = Matcher.compute(src, offer("a", "2", "b", "z"));
        assertThat(m.compatible()).isFalse();
        assertThat(m.failures()).extracting(EntryFailure::entry, EntryFailure::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "b"), org.assertj.core.groups.Tuple.tuple(1, "c"));
        assertThat(m.failures().get(1).detail()).contains("no field 'c'");
        assertThatRecipeIsRefused(m);
    }

    static void assertThatRecipeIsRefused(Match m) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.recipe("p", "t")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noEntriesIsExplained() {
        Match m = Matcher.compute(new SourceDescriptor("r", map(), List.of()), offer("a", "1"));
        assertThat(m.compatible()).isFalse();
        assertThat(m.failures()).singleElement().satisfies(f -> assertThat(f.entry()).isEqualTo(-1));
    }

    @Test
    void anEntryWithNoFieldsMatchesAnything() {
        SourceDescriptor src = new SourceDescriptor("r", map(), List.of(entry(0, List.of())));
        assertThat(Matcher.compute(src, offer()).compatible()).isTrue();
    }
}
