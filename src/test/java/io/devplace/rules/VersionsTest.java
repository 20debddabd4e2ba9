package io.devplace.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/reference/rulepack.md, Compatibility descriptors version constraints: {@code = >= > <= < ^ ~}, AND-ed, numeric component-wise, missing = 0. */
class VersionsTest {

    @ParameterizedTest(name = "\"{0}\" satisfies \"{1}\": {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # ---- = : exact, missing components are 0
            17.4       | =17.4        | true
            17.4.0     | =17.4        | true
            17.4       | =17.4.0      | true
            17         | =17.0.0      | true
            17.4.1     | =17.4        | false
            17.3       | =17.4        | false
            17.40      | =17.4        | false
            01.4       | =1.4         | true
            # ---- >=
            8.6        | >=8.6        | true
            8.6.0      | >=8.6        | true
            8.5.9      | >=8.6        | false
            10.0.0     | >=8.6        | true
            1.10       | >=1.9        | true
            1.9        | >=1.10       | false
            9          | >=8.6        | true
            # ---- >
            1.10       | >1.9         | true
            1.9.0      | >1.9         | false
            1.9.1      | >1.9         | true
            1.8.99     | >1.9         | false
            # ---- <=
            1.9        | <=1.10       | true
            1.10       | <=1.10.0     | true
            1.10.1     | <=1.10       | false
            # ---- <
            1.9        | <1.10        | true
            1.10       | <1.10        | false
            1.10.0     | <1.10        | false
            1.99.99    | <2           | true
            2.0.1      | <2           | false
            # ---- ^M.m[.p] = >=M.m.p <(M+1).0.0
            1.2        | ^1.2         | true
            1.2.0      | ^1.2         | true
            1.9.9      | ^1.2         | true
            1.10       | ^1.9         | true
            2.0        | ^1.2         | false
            1.1.9      | ^1.2         | false
            1.2.2      | ^1.2.3       | false
            1.2.3      | ^1.2.3       | true
            1.99       | ^1.2.3       | true
            2.0.0      | ^1.2.3       | false
            2          | ^2           | true
            2.5        | ^2           | true
            3.0        | ^2           | false
            # ---- ^0.x: also (M+1).0.0 as the upper bound (the version rules: "also for M = 0")
            0.3        | ^0.3         | true
            0.9.1      | ^0.3         | true
            0.2.9      | ^0.3         | false
            1.0        | ^0.3         | false
            0.0.0      | ^0           | true
            0.99.9     | ^0           | true
            1.0.0      | ^0           | false
            0.0.1      | ^0.0.1       | true
            0.5        | ^0.0.1       | true
            0.0.0      | ^0.0.1       | false
            # ---- ~M = >=M.0.0 <(M+1).0.0
            1          | ~1           | true
            1.0.0      | ~1           | true
            1.9        | ~1           | true
            2.0        | ~1           | false
            0.9        | ~1           | false
            # ---- ~M.m = >=M.m.0 <M.(m+1).0
            1.2        | ~1.2         | true
            1.2.9      | ~1.2         | true
            1.3        | ~1.2         | false
            1.1.9      | ~1.2         | false
            1.10       | ~1.9         | false
            1.9.10     | ~1.9         | true
            # ---- ~M.m.p = >=M.m.p <M.(m+1).0
            1.2.3      | ~1.2.3       | true
            1.2.9      | ~1.2.3       | true
            1.2.2      | ~1.2.3       | false
            1.3.0      | ~1.2.3       | false
            0.0.9      | ~0.0.1       | true
            0.1.0      | ~0.0.1       | false
            # ---- space-separated constraints are AND-ed
            1.5        | >=1.2 <2     | true
            1.2        | >=1.2 <2     | true
            2.0        | >=1.2 <2     | false
            1.1        | >=1.2 <2     | false
            8.7        | '>=8.6   <9' | true
            9.0        | '>=8.6   <9' | false
            1.0        | >=1 <1       | false
            1.4.2      | ^1.2 ~1.4    | true
            1.5.0      | ^1.2 ~1.4    | false
            1.4.0      | '  =1.4  '   | true
            # ---- a non-numeric version never satisfies a constraint, not even a permissive one
            17.4-beta  | >=0          | false
            v17.4      | >=0          | false
            17.x       | >=0          | false
            17..4      | >=0          | false
            17.        | >=0          | false
            .17        | >=0          | false
            abc        | <99          | false
            ''         | >=0          | false
            -1         | <0           | false
            +1         | >=0          | false
            1.2 3      | >=0          | false
            1_000      | >=0          | false
            """)
    void constraint(String version, String pattern, boolean expected) {
        assertThat(Versions.satisfies(version, pattern)).isEqualTo(expected);
        // every case above starts with a constraint operator, so a field pattern of that text is a version constraint
        assertThat(new FieldPattern(pattern.trim()).matches(version)).isEqualTo(expected);
    }

    @Test
    void nonAsciiDigitsAreNotNumeric() {
        // Arabic-Indic "17.4": Character.isDigit accepts it, but it is no version a host reports
        assertThat(Versions.satisfies("\u0661\u0667.\u0664", "=17.4")).isFalse();
        assertThat(Versions.parse("\u0661\u0667.\u0664")).isNull();
    }

    @ParameterizedTest(name = "malformed constraint \"{0}\" is never satisfied")
    @ValueSource(strings = {"=", ">=", ">", "<=", "<", "^", "~", ">=x", "=>1", ">>1", "==1.2", "=1.", "^1..2", "~.1",
            ">= 1.2", "=1.2 foo", "<>1", "^v1", "~1.x", ">=1.2 ^", ">=1.2 <"})
    void malformedConstraintNeverSatisfied(String pattern) {
        for (String v : new String[]{"0", "1", "1.2", "1.2.3", "2.0", "99.99.99"})
            assertThat(Versions.satisfies(v, pattern)).as("%s against %s", v, pattern).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            17.4     | 17.4.0   | 0
            1.10     | 1.9      | 1
            1.9      | 1.10     | -1
            2        | 1.99.99  | 1
            1.2.3.4  | 1.2.3    | 1
            1.2.3.0  | 1.2.3    | 0
            """)
    void compareNumericallyWithMissingComponentsAsZero(String a, String b, int sign) {
        assertThat(Integer.signum(Versions.compare(Versions.parse(a), Versions.parse(b)))).isEqualTo(sign);
        assertThat(Integer.signum(Versions.compare(Versions.parse(b), Versions.parse(a)))).isEqualTo(-sign);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            17.4.1   | 17.4
            2.3      | 2.3
            10.20.30 | 10.20
            2        | null
            abc      | null
            1.x      | null
            null     | null
            """)
    void majorMinor(String version, String expected) {
        assertThat(Versions.majorMinor(version)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"=1", ">=1", ">1", "<=1", "<1", "^1", "~1"})
    void everyOperatorIsAConstraint(String p) {
        assertThat(Versions.isConstraint(p)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2", "vfio-pci", "*", "!=1"})
    void otherTextIsNotAConstraint(String p) {
        assertThat(Versions.isConstraint(p)).isFalse();
    }
}
