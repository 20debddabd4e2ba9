package io.devplace.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The type ids real hosts report validate against the bundled packs; ids no driver reports are refused (exit 4). */
class RealTypeIdsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: {1} is a real id, {2} is not")
    @CsvSource({
            "mbochs,   mbochs-medium,       mbochs-2",      // samples/vfio-mdev/mbochs.c: sysfs_name "small", "medium", "large"
            "mdpy,     mdpy-xga,            mdpy-2",
            "mtty,     mtty-2,              mtty-dual",
            "i915,     i915-GVTg_V5_4,      i915-GVTg_V5_3",
            "vfio_ccw, vfio_ccw-io,         vfio_ccw-1",
            "vfio_ap,  vfio_ap-passthrough, vfio_ap-1"})
    void realIdsValidateAndOthersDoNot(String driver, String real, String unreal) throws Exception {
        assertThat(validate(driver, real).code()).isZero();
        Cli.Result bad = validate(driver, unreal);
        assertThat(bad.code()).isEqualTo(4);
        assertThat(bad.err()).contains("type " + unreal + " is not one pack");
    }

    private Cli.Result validate(String driver, String type) throws Exception {
        Path f = dir.resolve(driver + "-" + type + ".yaml");
        Files.writeString(f, """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - {name: h, cpus: 8, memoryMiB: 8192, devices: [{id: p0, driver: %s, mdevs: [{uuid: "00000000-0000-4000-8000-000000000001", type: %s}]}]}
                vms: []
                """.formatted(driver, type));
        return Cli.run("validate", "-f", f.toString());
    }
}
