package io.devplace.capacity;

import io.devplace.rules.LoadedPack;
import io.devplace.rules.ResourceSpec;
import io.devplace.rules.RuleBook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled vfio-ap pack's exclusive resources (capacity.resources): an mdev holds the cross product of its
 * adapters and domains (APQNs), one mdev per APQN on a matrix (vfio_ap_mdev_verify_no_sharing), numbers read as
 * kstrtoul(buf, 0) reads them, control domains shared freely, and the queues a parent offers when it says so.
 */
class ApqnExclusivityTest {
    static final String AP = "vfio_ap-passthrough";
    static final LoadedPack PACK = RuleBook.bundled().stream().filter(p -> p.name().equals("vfio-ap")).findFirst().orElseThrow();
    static final ResourceSpec APQN = PACK.pack().capacity().resources();

    static PackCapacity matrix(Set<String> offered) {
        return new PackCapacity(PACK.pack().capacity(), PACK.pack().types(), null, offered);
    }

    /** Attrs written "a=5 d=4 c=7 a=6" style: a = assign_adapter, d = assign_domain, c = assign_control_domain. */
    static List<Map<String, String>> attrs(String spec) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String w : spec.trim().split("\\s+")) {
            if (w.isEmpty()) continue;
            String[] kv = w.split("=", 2);
            String k = switch (kv[0]) {
                case "a" -> "assign_adapter";
                case "d" -> "assign_domain";
                case "c" -> "assign_control_domain";
                default -> kv[0];
            };
            out.add(Map.of(k, kv[1]));
        }
        return out;
    }

    @ParameterizedTest(name = "held [{0}] + new [{1}]: fits={2}")
    @CsvSource(delimiter = '|', value = {
            // the same APQN, spelled alike and otherwise: kstrtoul base 0 (0x = hex, leading 0 = octal)
            "a=5 d=4          | a=5 d=4          | false | APQN 0x5.0x4",
            "a=0x0a d=5       | a=10 d=0x05      | false | APQN 0xa.0x5",
            "a=012 d=5        | a=0xA d=5        | false | APQN 0xa.0x5",
            "a=+10 d=5        | a=10 d=05        | false | APQN 0xa.0x5",
            // octal: 012 is 10, not 12
            "a=012 d=5        | a=12 d=5         | true  | ",
            // disjoint: no pair shared, though adapters or domains alone are
            "a=5 d=4          | a=5 d=5          | true  | ",
            "a=5 a=6 d=4      | a=7 d=4          | true  | ",
            "a=5 d=4 d=0x47   | a=6 d=4 d=0x47   | true  | ",
            // the cross product: adapters {5,6} x domains {4,71} hold 6.71, which a=6 d=0x47 claims
            "a=5 d=4 a=6 d=71 | a=6 d=0x47       | false | APQN 0x6.0x47",
            // control domains are not compared by the driver
            "a=5 d=4 c=4      | a=6 d=5 c=4      | true  | ",
            "a=5 c=4          | a=5 c=4          | true  | ",
            // an mdev with adapters but no domains holds no APQN yet
            "a=5              | a=5 d=4          | true  | ",
            // a value the driver refuses (EINVAL): 08 is not octal
            "a=5 d=4          | a=08 d=4         | false | assign_adapter=08 is not a value the driver reads"})
    void apqnsAreExclusive(String held, String added, boolean fits, String named) {
        Fit f = matrix(null).fit(List.of(new Instance("11111111-0000-4000-8000-000000000001", AP, 1, null, attrs(held))),
                List.of(Instance.added(AP, 1, attrs(added))));
        assertThat(f.fits()).as(f.detail()).isEqualTo(fits);
        if (!fits) {
            assertThat(f.shortfall()).isEqualTo(Shortfall.INSUFFICIENT_DEVICE_CAPACITY);
            assertThat(f.detail()).contains(named);
            if (named.startsWith("APQN")) assertThat(f.detail()).contains("held by mdev 11111111-0000-4000-8000-000000000001");
        }
    }

    @Test
    void twoNewMdevsClaimingOneApqnOnOneMatrixDoNotFit() {
        Fit f = matrix(null).fit(List.of(), List.of(Instance.added(AP, 1, attrs("a=5 d=4")), Instance.added(AP, 1, attrs("a=0x5 d=0x4"))));
        assertThat(f.fits()).isFalse();
        assertThat(f.detail()).contains("APQN 0x5.0x4").contains("held by another new " + AP + " instance");
        // the same two on two matrices (two parents) fit each
        assertThat(matrix(null).fit(List.of(), List.of(Instance.added(AP, 1, attrs("a=5 d=4")))).fits()).isTrue();
    }

    @Test
    void aParentThatListsItsQueuesOffersOnlyThose() {
        // as /sys/bus/ap/drivers/vfio_ap/ names them: hex without prefix
        Set<String> offered = APQN.offeredBy(Map.of("vfio_ap_queues", "05.0004 05.0047, 06.0004"));
        assertThat(offered).containsExactly("0x5.0x4", "0x5.0x47", "0x6.0x4");
        assertThat(matrix(offered).fit(List.of(), List.of(Instance.added(AP, 1, attrs("a=5 a=6 d=4")))).fits()).isTrue();
        Fit f = matrix(offered).fit(List.of(), List.of(Instance.added(AP, 1, attrs("a=6 d=0x47"))));
        assertThat(f.fits()).isFalse();
        assertThat(f.detail()).contains("APQN 0x6.0x47").contains("not one this parent offers (attribute vfio_ap_queues)");
        // a parent that says nothing offers any queue
        assertThat(APQN.offeredBy(Map.of())).isNull();
    }

    @ParameterizedTest(name = "offered list ''{0}'' is refused")
    @CsvSource(delimiter = '|', value = {"05 | 1 value(s), expected 2", "05.00zz | '00zz' is not a base-16 number", "05.04.01 | 3 value(s)"})
    void unreadableOfferedListsAreNamed(String list, String message) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> APQN.offeredBy(Map.of("vfio_ap_queues", list)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @ParameterizedTest(name = "kstrtoul(''{0}'', 0) = {1}")
    @CsvSource(delimiter = '|', value = {
            "10 | 0xa", "0x0a | 0xa", "0X0A | 0xa", "012 | 0xa", "0 | 0x0", "+7 | 0x7", "0xff | 0xff",
            "08 | ", "0x | ", "'' | ", "-1 | ", "' 5' | ", "5 | 0x5", "1a | ", "0x1g | ", "18446744073709551615 | 0xffffffffffffffff",
            "18446744073709551616 | "})
    void numbersAreReadAsTheKernelReadsThem(String written, String canonical) {
        assertThat(APQN.canonical(written)).isEqualTo(canonical);
    }

    @Test
    void oneTrailingNewlineIsAllowedAsByKstrtoul() {
        assertThat(APQN.canonical("5\n")).isEqualTo("0x5");
        assertThat(APQN.canonical("5\n\n")).isNull();
    }

    @Test
    void attrsCompareAsSetsOfNumbers() {
        assertThat(APQN.flatten(attrs("a=5 a=6 d=4 c=1"))).isEqualTo(APQN.flatten(attrs("a=0x6 d=04 a=5 a=5 c=1")));
        assertThat(APQN.flatten(attrs("a=5 a=6 d=4"))).isNotEqualTo(APQN.flatten(attrs("a=6 d=4")));
    }

    @Test
    void anInstanceClaimingMoreThanAnyMatrixHoldsIsRefusedNotEnumerated() {
        List<Map<String, String>> huge = new ArrayList<>();
        for (int i = 0; i < 300; i++) huge.add(Map.of("assign_adapter", Integer.toString(i)));
        for (int i = 0; i < 300; i++) huge.add(Map.of("assign_domain", Integer.toString(i)));
        ResourceSpec.Held h = APQN.held(huge);
        assertThat(h.resources()).isEmpty();
        assertThat(h.unreadable()).singleElement().asString().contains("holds more than 65536 APQNs");
        assertThat(matrix(null).fit(List.of(), List.of(Instance.added(AP, 1, huge))).fits()).isFalse();
        // 256 x 256 is the largest matrix there is, and is held
        assertThat(APQN.held(huge.subList(44, 556)).resources()).hasSize(65_536);
    }
}
