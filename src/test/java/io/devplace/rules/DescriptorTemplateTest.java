package io.devplace.rules;

import io.devplace.model.Descriptor;
import io.devplace.model.Host;
import io.devplace.model.InvalidInputException;
import io.devplace.model.ParentDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.devplace.rules.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** docs/reference/rulepack.md, Compatibility descriptors: self fields in order, compatible entries over variable bindings, and the errors a template can make. */
class DescriptorTemplateTest {
    static final ParentDevice PARENT = Fixtures.parent("0000:00:02.0", "i915", "Intel UHD 630", map("gvt_version", "5.4"));
    static final Host HOST = Fixtures.host("host-a", map("libvirt", "10.0.0", "vgpu-manager", "18.0"), PARENT);

    static DeviceContext ctx(Map<String, String> deviceAttrs) {
        return new DeviceContext(HOST, PARENT, "i915-GVTg_V5_4", "vfio-pci", "GVTg_V5_4", Map.of("per_gpu", 4), deviceAttrs);
    }

    static DescriptorTemplate compile(Map<String, String> self, List<Map<String, Object>> compatible) {
        return DescriptorTemplate.compile(new Descriptor(self, compatible), "pack demo", "demo", "migration");
    }

    @Test
    void selfFieldsMayUseEarlierOnes() {
        DescriptorTemplate t = compile(map(
                "aggregator", "${device.attrs.aggregator:-1}",
                "units", "${8 * self.aggregator / type.props.per_gpu}",
                "label", "${self.units}u-${type.id}"), List.of());
        assertThat(t.instantiateSelf(ctx(Map.of()))).containsExactly(
                Map.entry("aggregator", "1"), Map.entry("units", "2"), Map.entry("label", "2u-i915-GVTg_V5_4"));
        assertThat(t.instantiateSelf(ctx(Map.of("aggregator", "4")))).containsEntry("units", "8");
    }

    @Test
    void selfFieldUsingALaterOneIsAnErrorAtCompileTime() {
        Throwable t = catchThrowable(() -> compile(map(
                "units", "${8 * self.aggregator / type.props.per_gpu}",
                "aggregator", "${device.attrs.aggregator:-1}"), List.of()));
        assertThat(t).isExactlyInstanceOf(TemplateException.class)
                .hasMessageContaining("migration.self.units").hasMessageContaining("self.aggregator").hasMessageContaining("later");
    }

    @Test
    void selfFieldUsingALaterOneEvenWithADefaultIsAnError() {
        assertThatThrownBy(() -> compile(map("a", "${self.b:-1}", "b", "2"), List.of()))
                .isExactlyInstanceOf(TemplateException.class).hasMessageContaining("self.b");
    }

    @Test
    void selfFieldUsingItselfIsAnError() {
        assertThatThrownBy(() -> compile(map("a", "${self.a:-1}"), List.of()))
                .isExactlyInstanceOf(TemplateException.class).hasMessageContaining("self.a");
    }

    @Test
    void selfFieldUsingAFieldThatDoesNotExistIsAnUndefinedReferenceNamingOriginFieldAndReference() {
        DescriptorTemplate t = compile(map("a", "x", "b", "${self.nope}"), List.of());
        assertThatThrownBy(() -> t.instantiateSelf(ctx(Map.of())))
                .isExactlyInstanceOf(TemplateException.class)
                .hasMessageContaining("pack demo").hasMessageContaining("self.b").hasMessageContaining("self.nope");
    }

    @Test
    void undefinedReferenceInSelfNamesPackFieldAndReference() {
        DescriptorTemplate t = compile(map("software_version", "${host.attributes.vgpu_manager}"), List.of());
        assertThatThrownBy(() -> t.instantiateSelf(ctx(Map.of())))
                .isExactlyInstanceOf(TemplateException.class)
                .hasMessageContaining("pack demo").hasMessageContaining("self.software_version")
                .hasMessageContaining("host.attributes.vgpu_manager");
    }

    @Test
    void bracketKeyReachesAHyphenatedHostAttribute() {
        DescriptorTemplate t = compile(map("v", "${host.attributes['vgpu-manager']}"), List.of());
        assertThat(t.instantiateSelf(ctx(Map.of()))).containsEntry("v", "18.0");
    }

    @Test
    void withoutBracketsAHyphenIsSubtraction() {
        // host.attributes.vgpu - manager: the first operand is undefined
        DescriptorTemplate t = compile(map("v", "${host.attributes.vgpu-manager}"), List.of());
        assertThatThrownBy(() -> t.instantiateSelf(ctx(Map.of())))
                .isExactlyInstanceOf(TemplateException.class).hasMessageContaining("'host.attributes.vgpu'");
        // and a subtraction cannot take a default
        assertThatThrownBy(() -> compile(map("v", "${host.attributes.vgpu-manager:-x}"), List.of()))
                .isExactlyInstanceOf(TemplateException.class).hasMessageContaining("migration.self.v");
    }

    @Test
    void inexactDivisionInSelfIsAnError() {
        DescriptorTemplate t = compile(map("units", "${3 * 1 / type.props.per_gpu}"), List.of());
        assertThatThrownBy(() -> t.instantiateSelf(ctx(Map.of())))
                .isExactlyInstanceOf(TemplateException.class).hasMessageContaining("self.units").hasMessageContaining("whole");
    }

    @Test
    void divisionByZeroInSelfIsAnError() {
        DescriptorTemplate t = compile(map("u", "${8 / (type.props.per_gpu - 4)}"), List.of());
        assertThatThrownBy(() -> t.instantiateSelf(ctx(Map.of())))
                .isExactlyInstanceOf(TemplateException.class).hasMessageContaining("self.u").hasMessageContaining("division by zero");
    }

    @Test
    void nonIntegerOperandInSelfIsAnError() {
        DescriptorTemplate t = compile(map("u", "${parent.attributes.gvt_version * 2}"), List.of());
        assertThatThrownBy(() -> t.instantiateSelf(ctx(Map.of())))
                .isExactlyInstanceOf(TemplateException.class).hasMessageContaining("parent.attributes.gvt_version").hasMessageContaining("5.4");
    }

    // ------------------------------------------------------------ compatible entries

    static Map<String, Object> entry(Object... kvs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kvs.length; i += 2) m.put((String) kvs[i], kvs[i + 1]);
        return m;
    }

    @Test
    void inexactBindingsAreSkippedNotErrors() {
        DescriptorTemplate t = compile(map("units", "2"), List.of(entry(
                "vars", Map.of("n", List.of(1, 2, 4, 8)),
                "mdev_type", "T_${n}",
                "attrs", List.of(Map.of("aggregator", "${self.units * n / 8}")))));
        SourceDescriptor d = t.instantiate(ctx(Map.of()));
        assertThat(d.rule()).isEqualTo("demo");
        assertThat(d.entries()).extracting(e -> e.fields().get("mdev_type").text()).containsExactly("T_4", "T_8");
        assertThat(d.entries()).extracting(ConcreteEntry::attrs)
                .containsExactly(List.of(Map.of("aggregator", "1")), List.of(Map.of("aggregator", "2")));
        assertThat(d.entries()).allSatisfy(e -> assertThat(e.index()).isZero());
    }

    @Test
    void inexactDivisionInAFieldPatternSkipsTheBindingToo() {
        DescriptorTemplate t = compile(map(), List.of(entry("vars", Map.of("n", Map.of("min", 1, "max", 6)), "k", "${12 / n}")));
        assertThat(t.instantiate(ctx(Map.of())).entries()).extracting(e -> e.fields().get("k").text())
                .containsExactly("12", "6", "4", "3", "2");
    }

    @Test
    void minMaxVariablesAndSeveralVariablesGiveEveryBinding() {
        DescriptorTemplate t = compile(map(), List.of(entry(
                "vars", new LinkedHashMap<>(Map.of("a", Map.of("min", 1, "max", 3))), "f", "${a}"),
                entry("vars", mapOf("x", List.of("p", "q"), "y", List.of(1, 2)), "f", "${x}${y}")));
        SourceDescriptor d = t.instantiate(ctx(Map.of()));
        assertThat(d.entries()).extracting(e -> e.index() + ":" + e.fields().get("f").text())
                .containsExactly("0:1", "0:2", "0:3", "1:p1", "1:p2", "1:q1", "1:q2");
    }

    static Map<String, Object> mapOf(Object... kvs) { return entry(kvs); }

    @Test
    void allBindingsSkippedLeavesNoEntries() {
        DescriptorTemplate t = compile(map(), List.of(entry("vars", Map.of("n", List.of(3, 5)), "f", "${4 / n}")));
        assertThat(t.instantiate(ctx(Map.of())).entries()).isEmpty();
    }

    @Test
    void aBindingThatDividesByZeroIsSkippedAndTheOthersStand() {
        // docs/reference/rulepack.md, Compatibility descriptors: a binding whose expression does not divide is skipped; by zero is one such
        DescriptorTemplate t = compile(map(), List.of(entry("vars", Map.of("n", List.of(0, 1, 2)), "f", "${4 / n}")));
        assertThat(t.instantiate(ctx(Map.of())).entries()).extracting(e -> e.fields().get("f").text()).containsExactly("4", "2");
    }

    @Test
    void divisionByZeroInSelfIsStillAnError() {
        DescriptorTemplate t = compile(map("u", "${4 / 0}"), List.of());
        assertThatThrownBy(() -> t.instantiate(ctx(Map.of())))
                .isInstanceOf(TemplateException.class).hasMessageContaining("self.u").hasMessageContaining("division by zero");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"^^1", ">=8.x", "=", "~", ">= 8.6", "^1..2", ">=${v}x"})
    void aMalformedVersionConstraintInAnEntryIsRejectedAtCompileTime(String pattern) {
        assertThatThrownBy(() -> compile(map(), List.of(entry("software_version", pattern))))
                .isInstanceOf(TemplateException.class).hasMessageContaining("compatible[0].software_version").hasMessageContaining("not a version constraint");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"^${self.software_version}", ">=8.6 <9", "=17.4.1", "~1", "8.6", "*", "=${a}.${b}"})
    void wellFormedConstraintsAndPlainValuesCompile(String pattern) {
        assertThat(compile(map(), List.of(entry("software_version", pattern)))).isNotNull();
    }

    @Test
    void undefinedReferenceInAnEntryNamesPackFieldAndReference() {
        DescriptorTemplate t = compile(map(), List.of(entry("f", "x"), entry("software_version", "=${host.attributes.qemu}")));
        assertThatThrownBy(() -> t.instantiate(ctx(Map.of())))
                .isExactlyInstanceOf(TemplateException.class).hasMessageContaining("pack demo")
                .hasMessageContaining("compatible[1].software_version").hasMessageContaining("host.attributes.qemu");
    }

    @Test
    void undefinedReferenceInAnAttrNamesTheAttr() {
        DescriptorTemplate t = compile(map(), List.of(entry("attrs", List.of(Map.of("aggregator", "${device.attrs.nope}")))));
        assertThatThrownBy(() -> t.instantiate(ctx(Map.of())))
                .isExactlyInstanceOf(TemplateException.class).hasMessageContaining("attrs.aggregator").hasMessageContaining("device.attrs.nope");
    }

    @Test
    void attrsKeepTheirOrder() {
        DescriptorTemplate t = compile(map(), List.of(entry("attrs", List.of(Map.of("b", "1"), Map.of("a", "2"), Map.of("b", "3")))));
        assertThat(t.instantiate(ctx(Map.of())).entries().get(0).attrs())
                .containsExactly(Map.of("b", "1"), Map.of("a", "2"), Map.of("b", "3"));
    }

    @Test
    void identicalBindingsCollapse() {
        DescriptorTemplate t = compile(map(), List.of(entry("vars", Map.of("n", List.of(1, 2, 3)), "f", "same")));
        assertThat(t.instantiate(ctx(Map.of())).entries()).hasSize(1);
    }

    @Test
    void equalContextsGiveEqualDescriptors() {
        DescriptorTemplate t = compile(map("s", "${type.id}"), List.of(entry("f", "${self.s}")));
        assertThat(t.instantiate(ctx(Map.of()))).isEqualTo(t.instantiate(ctx(Map.of())));
    }

    @Test
    void malformedVarsAreCompileErrors() {
        assertThatThrownBy(() -> compile(map(), List.of(entry("vars", Map.of("n", List.of())))))
                .isExactlyInstanceOf(TemplateException.class).hasMessageContaining("vars.n");
        assertThatThrownBy(() -> compile(map(), List.of(entry("vars", Map.of("n", Map.of("min", 3, "max", 1))))))
                .isExactlyInstanceOf(TemplateException.class).hasMessageContaining("min 3");
        assertThatThrownBy(() -> compile(map(), List.of(entry("vars", Map.of("n", Map.of("max", 1))))))
                .isExactlyInstanceOf(TemplateException.class).hasMessageContaining("vars.n");
        assertThatThrownBy(() -> compile(map(), List.of(entry("attrs", List.of(Map.of("a", "1", "b", "2"))))))
                .isExactlyInstanceOf(TemplateException.class).hasMessageContaining("attrs[0]");
        assertThatThrownBy(() -> compile(map(), List.of(entry("f", "${n"))))
                .isExactlyInstanceOf(TemplateException.class).hasMessageContaining("migration.compatible[0].f");
    }

    // ------------------------------------------------------------ through a pack document: invalid input, exit 4

    static final String PACK_LATER = """
            apiVersion: devplace/v1
            kind: RulePack
            name: later
            match: {driver: x}
            types:
              x-1: {deviceApi: vfio-pci}
            migration:
              self:
                units: "${self.aggregator}"
                aggregator: "1"
            """;

    @Test
    void packWhoseSelfUsesALaterFieldIsInvalidInputNamingThePath() {
        Throwable t = catchThrowable(() -> RuleBook.parse("later.yaml", PACK_LATER.getBytes(StandardCharsets.UTF_8)));
        assertThat(t).isInstanceOf(InvalidInputException.class).hasMessageContaining("later.yaml")
                .hasMessageContaining("migration.self.units").hasMessageContaining("self.aggregator");
    }

    @Test
    void packWithATemplateSyntaxErrorIsInvalidInput() {
        String yaml = PACK_LATER.replace("\"${self.aggregator}\"", "\"${1 +}\"");
        Throwable t = catchThrowable(() -> RuleBook.parse("bad.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
        assertThat(t).isInstanceOf(InvalidInputException.class).hasMessageContaining("migration.self.units");
    }
}
