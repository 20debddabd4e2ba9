package io.devplace.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/reference/rulepack.md, Compatibility descriptors field patterns: plain string = exact equality, {@code *} = glob, leading operator = version constraint. */
class FieldPatternTest {

    @ParameterizedTest(name = "\"{0}\" matches \"{1}\": {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # ---- exact equality: case-sensitive, whole string, no trimming, no numeric equivalence
            vfio-pci          | vfio-pci            | true
            vfio-pci          | vfio-pcix           | false
            vfio-pci          | VFIO-PCI            | false
            vfio-pci          | ' vfio-pci'         | false
            NVIDIA A16        | NVIDIA A16          | true
            17.4              | 17.4.0              | false
            ''                | ''                  | true
            ''                | x                   | false
            a.c               | abc                 | false
            a+b               | a+b                 | true
            (x)               | (x)                 | true
            # ---- globs: * matches any run (also empty), anchored at both ends, regex characters are literal
            i915-GVTg_V5_*    | i915-GVTg_V5_4      | true
            i915-GVTg_V5_*    | i915-GVTg_V5_       | true
            i915-GVTg_V5_*    | i915-GVTg_V4_4      | false
            *                 | ''                  | true
            *                 | anything at all     | true
            *749              | nvidia-749          | true
            *749              | nvidia-7490         | false
            nvidia-7*         | xnvidia-749         | false
            a.b*              | axbc                | false
            a.b*              | a.bc                | true
            *[x]*             | a[x]b               | true
            *[x]*             | axb                 | false
            *-*-*             | a-b-c               | true
            *-*-*             | a-b                 | false
            # ---- a leading operator makes a version constraint
            =17.4             | 17.4.0              | true
            =17.4             | 17.3                | false
            ^2.3              | 2.9                 | true
            >=8.6             | 10.0.0              | true
            >=8.6             | eight               | false
            """)
    void matches(String pattern, String value, boolean expected) {
        assertThat(new FieldPattern(pattern).matches(value)).isEqualTo(expected);
    }

    @Test
    void aMissingFieldNeverMatches() {
        assertThat(new FieldPattern("*").matches(null)).isFalse();
        assertThat(new FieldPattern("").matches(null)).isFalse();
        assertThat(new FieldPattern(">=0").matches(null)).isFalse();
    }

    @Test
    void globSpansLines() {
        assertThat(new FieldPattern("a*b").matches("a\nb")).isTrue();
    }
}
