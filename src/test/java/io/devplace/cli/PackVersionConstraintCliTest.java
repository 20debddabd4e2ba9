package io.devplace.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code validate} refuses a rule pack whose version constraints are not ones (exit 4), naming file, pack and field. */
class PackVersionConstraintCliTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            requires   | '^^1'      | requires['host.attributes.libvirt']
            requires   | '>=8.x'    | requires['host.attributes.libvirt']
            requires   | '>= 8.6'   | requires['host.attributes.libvirt']
            compatible | '^^1'      | migration.compatible[0].software_version
            compatible | '=~${self.software_version}' | migration.compatible[0].software_version
            """)
    void aMalformedConstraintIsInvalidInput(String where, String constraint, String path) throws Exception {
        String requires = where.equals("requires") ? constraint : ">=8.6";
        String compatible = where.equals("compatible") ? constraint : "^${self.software_version}";
        Files.writeString(dir.resolve("broken.yaml"), """
                apiVersion: devplace/v1
                kind: RulePack
                name: broken-pack
                match: {driver: broken}
                requires:
                  host.attributes.libvirt: "%s"
                types:
                  broken-1: {deviceApi: vfio-pci}
                migration:
                  self: {mdev_type: "${type.id}", software_version: "1.0"}
                  compatible:
                    - mdev_type: "${self.mdev_type}"
                      software_version: "%s"
                """.formatted(requires, compatible));
        Cli.Result r = Cli.run("validate", "-f", Cli.EXAMPLE, "--rules", dir.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("broken.yaml").contains(path).contains("not a version constraint");
        if (where.equals("requires")) assertThat(r.err()).contains("broken-pack");
    }

    @org.junit.jupiter.api.Test
    void wellFormedConstraintsValidate() throws Exception {
        Files.writeString(dir.resolve("fine.yaml"), """
                apiVersion: devplace/v1
                kind: RulePack
                name: fine-pack
                match: {driver: fine}
                requires: {host.attributes.libvirt: ">=8.6 <11", host.attributes.kernel: "~6"}
                types:
                  fine-1: {deviceApi: vfio-pci}
                """);
        Cli.Result r = Cli.run("validate", "-f", Cli.EXAMPLE, "--rules", dir.toString());
        assertThat(r.code()).as(r.toString()).isNotEqualTo(4);
    }
}
