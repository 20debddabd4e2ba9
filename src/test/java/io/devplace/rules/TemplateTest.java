package io.devplace.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.devplace.rules.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** docs/reference/rulepack.md, Compatibility descriptors template language: references, defaults, variables, integer arithmetic, bracket keys, errors. */
class TemplateTest {

    /** Variables (single names) and references (dotted) the table below evaluates against. */
    static final Map<String, String> VALUES = map(
            "n", "4",
            "m", "3",
            "zero", "0",
            "self.aggregator", "2",
            "self.units", "2",
            "self.software_version", "5.4",
            "type.id", "i915-GVTg_V5_4",
            "type.props.per_gpu", "4",
            "host.attributes.vgpu_manager", "17.4",
            "host.attributes.vgpu-manager", "18.0",
            "host.attributes.a.b", "dotted-key",
            "host.labels.rack", "r1",
            "parent.model", "NVIDIA A16",
            "padded", " 7 ",
            "word", "abc",
            "frac", "1.5",
            "empty", "",
            "big", "9223372036854775807");

    static String eval(String template) {
        return Template.compile(template).evaluate(Fixtures.scope(VALUES));
    }

    @ParameterizedTest(name = "{0} -> \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            # ---- literals and references
            plain                                        | plain
            ''                                           | ''
            '${type.id}'                                 | i915-GVTg_V5_4
            'x-${type.id}-y'                             | x-i915-GVTg_V5_4-y
            '${parent.model}'                            | NVIDIA A16
            '${ parent.model }'                          | NVIDIA A16
            '^${self.software_version}'                  | ^5.4
            '=${host.attributes.vgpu_manager}'           | =17.4
            '${type.id}/${host.labels.rack}'             | i915-GVTg_V5_4/r1
            '$type.id'                                   | $type.id
            '$${n}'                                      | $4
            '${n}}'                                      | 4}
            # ---- a lone reference substitutes its string as is; inside arithmetic it must be an integer
            '${padded}'                                  | ' 7 '
            '${(padded)}'                                | 7
            '${empty}'                                   | ''
            # ---- defaults
            '${device.attrs.aggregator:-1}'              | 1
            '${self.aggregator:-1}'                      | 2
            '${host.attributes.nope:-}'                  | ''
            '${host.attributes.nope:-a b}'               | a b
            '${host.attributes.nope :-x}'                | x
            '${host.attributes.nope:--1}'                | -1
            '${host.attributes.nope:-1+1}'               | 1+1
            # ---- variables
            '${n}'                                       | 4
            'i915-GVTg_V5_${n}'                          | i915-GVTg_V5_4
            # ---- integer arithmetic, precedence, associativity, parentheses
            '${1 + 2 * 3}'                               | 7
            '${(1 + 2) * 3}'                             | 9
            '${2 * 3 + 1}'                               | 7
            '${8 - 2 - 1}'                               | 5
            '${8 - (2 - 1)}'                             | 7
            '${16 / 4 / 2}'                              | 2
            '${16 / (4 / 2)}'                            | 8
            '${2 * 3 - 4 / 2}'                           | 4
            '${10 - 2 * 3}'                              | 4
            '${((((7))))}'                               | 7
            '${-3 + 5}'                                  | 2
            '${3 - -2}'                                  | 5
            '${0 - 5}'                                   | -5
            '${10-3}'                                    | 7
            '${n*m}'                                     | 12
            '${n + m * 2}'                               | 10
            '${(n + m) * 2}'                             | 14
            '${6 / 3}'                                   | 2
            '${-8 / 4}'                                  | -2
            '${0 / 5}'                                   | 0
            '${007 + 1}'                                 | 8
            # ---- '-' is always subtraction, never part of a name
            '${n-1}'                                     | 3
            '${n-m}'                                     | 1
            '${self.units-1}'                            | 1
            # ---- the seed's aggregation expressions
            '${8 * self.aggregator / type.props.per_gpu}' | 4
            '${self.units * n / 8}'                      | 1
            '${self.units * n / 8}-${n}'                 | 1-4
            # ---- keys with other characters are bracketed
            '${host.attributes[''vgpu-manager'']}'        | 18.0
            '${host.attributes["vgpu-manager"]}'         | 18.0
            '${host.attributes[''a.b'']}'                 | dotted-key
            '${host.attributes[''vgpu-manager''] :-x}'    | 18.0
            '${host.attributes[''no-such'']:-none}'       | none
            """)
    void evaluates(String template, String expected) {
        assertThat(eval(template)).isEqualTo(expected);
    }

    @Test
    void bracketKeysAreOneSegment() {
        Template t = Template.compile("${host.attributes['vgpu-manager']} ${a['x.y'].z}");
        assertThat(t.references()).containsExactly(List.of("host", "attributes", "vgpu-manager"), List.of("a", "x.y", "z"));
    }

    @Test
    void referencesAreListedInOrder() {
        Template t = Template.compile("${8 * self.aggregator / type.props.per_gpu}-${parent.model:-x}");
        assertThat(t.references()).containsExactly(List.of("self", "aggregator"), List.of("type", "props", "per_gpu"),
                List.of("parent", "model"));
        assertThat(t.isConstant()).isFalse();
        assertThat(Template.compile("no holes").isConstant()).isTrue();
        assertThat(Template.compile("${n}").source()).isEqualTo("${n}");
    }

    // ------------------------------------------------------------ exact division

    @ParameterizedTest
    @ValueSource(strings = {"${7 / 2}", "${self.units * 1 / 8}", "${n / m}", "x${1 / 3}"})
    void inexactDivisionSignalsASkippedBinding(String template) {
        Throwable t = catchThrowable(() -> eval(template));
        // a skipped binding is still a TemplateException for callers outside the package; DescriptorTemplate tells them apart
        assertThat(t).isInstanceOf(SkipBinding.class).isInstanceOf(TemplateException.class).hasMessageContaining("not a whole number");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"${1 / 0}", "${n / zero}", "${n / (n - 4)}"})
    void divisionByZeroSignalsASkippedBinding(String template) {
        // docs/reference/rulepack.md, Compatibility descriptors: a binding that does not divide is skipped, by zero as by a remainder; in self it is still an error
        assertThat(catchThrowable(() -> eval(template))).isInstanceOf(SkipBinding.class).hasMessageContaining("division by zero");
    }

    // ------------------------------------------------------------ evaluation errors

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            '${host.attributes.nope}'           | 'host.attributes.nope'
            'a${host.attributes.nope}b'         | 'host.attributes.nope'
            '${host.attributes[''no-such'']}'    | 'host.attributes.no-such'
            '${x}'                              | 'x'
            '${1 + host.attributes.nope}'       | 'host.attributes.nope'
            '${word + 1}'                       | 'word'
            '${word + 1}'                       | abc
            '${frac * 2}'                       | 'frac'
            '${(empty)}'                        | 'empty'
            '${(host.attributes.vgpu_manager)}' | not an integer
            '${big + 1}'                        | overflow
            '${big * 2}'                        | overflow
            '${0 - big - 2}'                    | overflow
            '${99999999999999999999}'           | too large
            """)
    void evaluationErrorsAreTemplateExceptions(String template, String messagePart) {
        Throwable t = catchThrowable(() -> eval(template));
        assertThat(t).isExactlyInstanceOf(TemplateException.class).hasMessageContaining(messagePart);
    }

    @Test
    void overflowOfDivisionIsAnError() {
        // Long.MIN_VALUE / -1 does not fit in a long: Java wraps it silently unless checked
        Throwable t = catchThrowable(() -> eval("${(0 - big - 1) / (0 - 1)}"));
        assertThat(t).isExactlyInstanceOf(TemplateException.class).hasMessageContaining("overflow");
    }

    @Test
    void moderatelyNestedAndLongExpressionsEvaluate() {
        assertThat(eval("${" + "(".repeat(50) + "n" + ")".repeat(50) + "}")).isEqualTo("4");
        assertThat(eval("${" + "1 + ".repeat(300) + "n}")).isEqualTo("304");
        assertThat(eval("${" + "- ".repeat(40) + "n}")).isEqualTo("4");
    }

    @ParameterizedTest
    @ValueSource(ints = {5_000, 50_000})
    void pathologicallyDeepOrLongExpressionsAreTemplateExceptionsNotStackOverflows(int n) {
        for (String text : new String[]{
                "${" + "(".repeat(n) + "1" + ")".repeat(n) + "}",
                "${" + "-".repeat(n) + "1}",
                "${" + "1+".repeat(n) + "1}",
                "${" + "n*".repeat(n) + "1}"}) {
            Throwable t = catchThrowable(() -> Template.compile(text).evaluate(Fixtures.scope(VALUES)));
            assertThat(t).as("%s...", text.substring(0, 12)).isExactlyInstanceOf(TemplateException.class);
        }
    }

    // ------------------------------------------------------------ syntax errors

    @ParameterizedTest(name = "syntax error in \"{0}\"")
    @ValueSource(strings = {
            "${", "abc${", "abc${type.id", "${type.id", "x ${n + 1",
            "${}", "${ }", "${\t}",
            "${a b}", "${n m}", "${1 2}", "${n +}", "${+ n}", "${* 2}", "${n * }", "${(n}", "${n)}", "${()}", "${(}",
            "${a.}", "${.a}", "${a..b}", "${a.b.}", "${a['x}", "${a[x]}", "${a['x'}", "${a['x']", "${a[]}", "${a['x']b}",
            "${#}", "${n & m}", "${n % 2}", "${n ^ 2}", "${1.5}", "${\"n\"}", "${n = 1}", "${$n}",
            "${:-x}", "${ :-x}", "${n + 1:-x}", "${a b:-x}", "${a.:-x}",
    })
    void syntaxErrorsAreTemplateExceptionsWithAMessage(String text) {
        Throwable t = catchThrowable(() -> Template.compile(text));
        assertThat(t).isExactlyInstanceOf(TemplateException.class);
        assertThat(t.getMessage()).isNotBlank();
    }

    @Test
    void syntaxErrorMessagesSayWhatIsWrong() {
        assertThatThrownBy(() -> Template.compile("abc${type.id")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> Template.compile("x${}y")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Template.compile("${n # m}")).hasMessageContaining("#").hasMessageContaining("${n # m}");
        assertThatThrownBy(() -> Template.compile("${(n + 1}")).hasMessageContaining("')'");
    }
}
