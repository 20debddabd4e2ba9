package io.devplace.rules;

import io.devplace.model.Mdev;
import io.devplace.model.ParentDevice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.devplace.rules.Fixtures.map;
import static io.devplace.rules.Fixtures.mdev;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/reference/rulepack.md, Aggregation and Compatibility descriptors: a recipe's aggregation value must lie in the target type's [min, max] (absent = 1). */
class AggregationLimitsTest {
    // types: big (weight in [2, 4]), small (weight in [1, 3]), plain (no aggregation: weight must be 1)
    static final RuleBook BOOK = Fixtures.bookOf("""
            apiVersion: devplace/v1
            kind: RulePack
            name: weighted
            match: {driver: wt}
            capacity: {counters: {u: 16}}
            types:
              wt-big:   {deviceApi: vfio-pci, consumes: {u: 2}, aggregation: {attr: weight, min: 2, max: 4}}
              wt-small: {deviceApi: vfio-pci, consumes: {u: 1}, aggregation: {attr: weight, max: 3}}
              wt-plain: {deviceApi: vfio-pci, consumes: {u: 1}}
            migration:
              self:
                device_api: vfio-pci
                mdev_type: "${type.id}"
                weight: "${device.attrs.weight:-1}"
              compatible:
                - vars: {t: [wt-big, wt-small, wt-plain]}
                  mdev_type: "${t}"
                  attrs: [{weight: "${self.weight}"}]
                - mdev_type: "wt-*"
                  device_api: vfio-pci
            """);

    static GovernedParent parent(Mdev... mdevs) {
        ParentDevice p = Fixtures.parent("p0", "wt", "W", map(), mdevs);
        return BOOK.govern(Fixtures.host("h", map(), p), p);
    }

    @ParameterizedTest(name = "weight {0} on {1}: entry {2}")
    @CsvSource({
            "1, wt-big,   -1",  // 1 < min 2: entry 0 fails; entry 1 (no attrs: absent = 1) is also below min
            "2, wt-big,   0",
            "4, wt-big,   0",
            "5, wt-big,   -1",
            "1, wt-small, 0",
            "3, wt-small, 0",
            "4, wt-small, 1",   // out of range for entry 0; entry 1 writes no weight: absent = 1 fits [1, 3]
            "1, wt-plain, 0",
            "2, wt-plain, 1",   // weight is an aggregation attribute of the pack: on wt-plain it must be 1
    })
    void recipeValueMustLieInTheTargetTypesRange(String weight, String targetType, int matchingEntry) {
        Mdev m = mdev("u", "wt-small", "weight", weight);
        SourceDescriptor src = parent(m).source(m, null, "x");
        Match match = BOOK.matcher().match(src, parent().offer(targetType));
        if (matchingEntry < 0) {
            assertThat(match.compatible()).isFalse();
        } else {
            assertThat(match.compatible()).isTrue();
            assertThat(match.entry().index()).isEqualTo(matchingEntry);
        }
    }

    @Test
    void absentAggregationAttributeCountsAsOneAgainstTheMinimum() {
        // entry 1 writes no weight; on wt-big (min 2) the absent value 1 is out of range, so no entry matches
        Mdev m = mdev("u", "wt-small", "weight", "1");
        Match match = BOOK.matcher().match(parent(m).source(m, null, "x"), parent().offer("wt-big"));
        assertThat(match.compatible()).isFalse();
        assertThat(match.failures()).extracting(EntryFailure::field).containsExactly("attrs.weight", "attrs.weight");
    }

    @Test
    void nonNumericAggregationValueIsRejected() {
        SourceDescriptor src = new SourceDescriptor("r", map(), java.util.List.of(
                new ConcreteEntry(0, Map.of(), java.util.List.of(Map.of("weight", "two")))));
        Match match = BOOK.matcher().match(src, parent().offer("wt-small"));
        assertThat(match.compatible()).isFalse();
        assertThat(match.failures()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("attrs.weight");
            assertThat(f.detail()).contains("two");
        });
    }

    @Test
    void attributesThatAreNotAggregationAttributesAreFree() {
        SourceDescriptor src = new SourceDescriptor("r", map(), java.util.List.of(
                new ConcreteEntry(0, Map.of(), java.util.List.of(Map.of("color", "17"), Map.of("weight", "2")))));
        assertThat(BOOK.matcher().match(src, parent().offer("wt-small")).compatible()).isTrue();
    }

    @Test
    void offerCarriesCustomAttributeNameAndRange() {
        TargetOffer big = parent().offer("wt-big");
        assertThat(big.aggregationAttr()).isEqualTo("weight");
        assertThat(big.aggregationMin()).isEqualTo(2);
        assertThat(big.aggregationMax()).isEqualTo(4);
        assertThat(parent().offer("wt-small").aggregationMin()).isEqualTo(1);
        assertThat(parent().offer("wt-plain").packAggregationAttrs()).containsExactly("weight");
    }
}
