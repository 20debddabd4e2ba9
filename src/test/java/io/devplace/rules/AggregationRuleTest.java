package io.devplace.rules;

import io.devplace.model.Host;
import io.devplace.model.ParentDevice;
import io.devplace.model.SupportedType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static io.devplace.rules.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which aggregation values an instance may carry (docs/reference/rulepack.md, Aggregation), as
 * {@link GovernedParent#aggregationProblem} judges them for fleet validation, the verifier and the planner alike:
 * every write counts, 1 is the only value on a type of the pack that declares no aggregation, an absent attribute is
 * 1, and a parent with no pack (or a pack naming no aggregation attribute) has no aggregation attributes at all.
 */
class AggregationRuleTest {
    static final RuleBook EXAMPLE = TestPacks.withAggregatingGvtg();
    static final RuleBook BUNDLED = RuleBook.bundledOnly();
    static final RuleBook MIN_TWO = Fixtures.bookOf("""
            apiVersion: devplace/v1
            kind: RulePack
            name: min-two
            match: {driver: acme}
            capacity:
              counters: {units: 8}
            types:
              acme-pair: {deviceApi: vfio-pci, consumes: {units: 1}, aggregation: {attr: n, min: 2, max: 4}}
              acme-one: {deviceApi: vfio-pci, consumes: {units: 1}}
            """);

    static GovernedParent parent(String book, String driver) {
        ParentDevice p = "none".equals(book)
                ? Fixtures.observedParent("p0", driver, map(), Map.of("i915-GVTg_V5_1", new SupportedType(1L, "GVTg_V5_1", "vfio-pci", null)))
                : Fixtures.parent("p0", driver, "GPU", map("gvt_version", "5.4"));
        Host h = Fixtures.host("h", map(), p);
        return switch (book) {
            case "example" -> EXAMPLE.govern(h, p);
            case "bundled" -> BUNDLED.govern(h, p);
            case "min-two" -> MIN_TWO.govern(h, p);
            default -> new RuleBook(List.of()).govern(h, p);
        };
    }

    /** {@code attrs}: {@code k=v} writes separated by {@code ;}, in order. {@code expected}: {@code ok} or {@code index|attr|why}. */
    @ParameterizedTest(name = "{0} {1} [{2}] -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            example | i915-GVTg_V5_8 |                           | ok
            example | i915-GVTg_V5_8 | aggregator=1              | ok
            example | i915-GVTg_V5_8 | aggregator=8              | ok
            example | i915-GVTg_V5_8 | aggregator= 4             | ok
            example | i915-GVTg_V5_8 | aggregator=9              | 0;aggregator;9 is outside [1, 8]
            example | i915-GVTg_V5_8 | aggregator=0              | 0;aggregator;0 is outside [1, 8]
            example | i915-GVTg_V5_8 | aggregator=-2             | 0;aggregator;-2 is outside [1, 8]
            example | i915-GVTg_V5_8 | aggregator=two            | 0;aggregator;"two" is not a whole number
            example | i915-GVTg_V5_8 | aggregator=2.5            | 0;aggregator;"2.5" is not a whole number
            example | i915-GVTg_V5_8 | aggregator=9;aggregator=2 | 0;aggregator;9 is outside [1, 8]
            example | i915-GVTg_V5_8 | aggregator=2;aggregator=9 | 1;aggregator;9 is outside [1, 8]
            example | i915-GVTg_V5_2 | aggregator=3              | 0;aggregator;3 is outside [1, 2]
            example | i915-GVTg_V5_1 |                           | ok
            example | i915-GVTg_V5_1 | aggregator=1              | ok
            example | i915-GVTg_V5_1 | other=7                   | ok
            example | i915-GVTg_V5_1 | aggregator=2              | 0;aggregator;2 is outside [1, 1]
            example | i915-GVTg_V5_1 | other=7;aggregator=0      | 1;aggregator;0 is outside [1, 1]
            example | i915-GVTg_V9_9 | aggregator=99             | ok
            bundled | i915-GVTg_V5_1 | aggregator=2              | ok
            none    | i915-GVTg_V5_1 | aggregator=2              | ok
            min-two | acme-pair      | n=2                       | ok
            min-two | acme-pair      |                           | -1;n;absent (= 1) is outside [2, 4]
            min-two | acme-pair      | n=1                       | 0;n;1 is outside [2, 4]
            min-two | acme-one       | n=2                       | 0;n;2 is outside [1, 1]
            min-two | acme-one       |                           | ok
            """)
    void everyWriteOfAnAggregationAttributeIsWithinTheTypesRange(String book, String type, String attrs, String expected) {
        GovernedParent gp = parent(book, book.equals("min-two") ? "acme" : "i915");
        AggregationRule.Problem p = gp.aggregationProblem(type, writes(attrs));
        if (expected.equals("ok")) {
            assertThat(p).isNull();
            return;
        }
        String[] e = expected.split(";");
        assertThat(p).isNotNull();
        assertThat(p.index()).isEqualTo(Integer.parseInt(e[0]));
        assertThat(p.attr()).isEqualTo(e[1]);
        assertThat(p.why()).isEqualTo(e[2]);
    }

    static List<Map<String, String>> writes(String attrs) {
        if (attrs == null || attrs.isBlank()) return List.of();
        List<Map<String, String>> out = new java.util.ArrayList<>();
        for (String w : attrs.split(";")) {
            int eq = w.indexOf('=');
            out.add(Map.of(w.substring(0, eq).trim(), w.substring(eq + 1)));
        }
        return out;
    }
}
