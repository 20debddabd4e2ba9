package io.devplace.rules;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Map;

import static io.devplace.rules.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

/** Whatever text a rule pack holds, compiling and evaluating it either works or throws a TemplateException with a message. */
class TemplateProperties {
    static final Map<String, String> VALUES = map(
            "n", "4", "zero", "0", "neg", "-3", "a.b", "7", "a.c", "x y", "a.e", "", "big", "9223372036854775807",
            "min", "-9223372036854775808", "host.attributes.vgpu-manager", "17.4", "self.units", "2");
    static final Scope SCOPE = Fixtures.scope(VALUES);

    @Provide
    Arbitrary<String> anyString() {
        return Arbitraries.strings().ofMaxLength(60);
    }

    @Provide
    Arbitrary<String> templateish() {
        Arbitrary<String> fragments = Arbitraries.of(List.of(
                "${", "}", "$", "{", "(", ")", "+", "-", "*", "/", ":-", ":", ".", "[", "]", "['", "']", "[\"", "\"]",
                "'", "\"", " ", "\t", "n", "zero", "neg", "a", "b", "a.b", "a.c", "a.e", "big", "min", "self.units",
                "host.attributes", "0", "1", "2", "3", "8", "9223372036854775807", "99999999999999999999", "_", "x",
                "\u0661", "é", "\\", "#", "%", "\n", "${n}", "${a.b}", "${(", "${-", "${n/", "vgpu-manager"));
        return fragments.list().ofMaxSize(14).map(l -> String.join("", l));
    }

    @Property(tries = 3000)
    void templatishTextOnlyEverThrowsTemplateException(@ForAll("templateish") String text) {
        compileAndEvaluate(text);
    }

    @Property(tries = 1000)
    void arbitraryTextOnlyEverThrowsTemplateException(@ForAll("anyString") String text) {
        compileAndEvaluate(text);
        compileAndEvaluate("${" + text + "}");
        compileAndEvaluate("${n * (" + text + ")}");
    }

    @Property(tries = 500)
    void textWithoutHolesIsItself(@ForAll("anyString") String text) {
        String literal = text.replace("${", "$ {");
        assertThat(Template.compile(literal).evaluate(SCOPE)).isEqualTo(literal);
    }

    static void compileAndEvaluate(String text) {
        try {
            Template t = Template.compile(text);
            t.references();
            t.evaluate(SCOPE);
        } catch (TemplateException e) {
            assertThat(e.getMessage()).as("message of %s for %s", e.getClass().getSimpleName(), text).isNotBlank();
        }
    }
}
