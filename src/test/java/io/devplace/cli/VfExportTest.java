package io.devplace.cli;

import com.thaiopensource.util.PropertyMapBuilder;
import io.devplace.export.VfExports;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The VF side of the exports (docs/vf.md; docs/reference/plan.md): libvirt PCI hostdevs with each target VF's address, valid against
 * libvirt's own domain schema (Debian ships it in the libvirt0 package: /usr/share/libvirt/schemas/domain.rng; .ci/run
 * installs it where it can, and without it that one test is skipped saying so), and the shell export's sysfs writes,
 * taken from the VF packs, in the plan's order.
 */
class VfExportTest {
    static final Path DOMAIN_RNG = Path.of("/usr/share/libvirt/schemas/domain.rng");
    static final String[] PLAN = {"plan", "evacuate", "l40s-m1", "l40s-v1", "nic-1", "-f", VfCliTest.VF_FLEET, "--seed", "7", "--time-limit", "3s"};

    static String plan(String format) {
        String[] args = java.util.Arrays.copyOf(PLAN, PLAN.length + 2);
        args[PLAN.length] = "-o";
        args[PLAN.length + 1] = format;
        Cli.Result r = Cli.run(args);
        assertThat(r.code()).as(r.toString()).isZero();
        return r.out();
    }

    @Test
    void libvirtGetsAPciHostdevWithTheTargetVfsAddress() {
        String xml = plan("libvirt");
        JsonVfs targets = JsonVfs.of(Cli.parseJson(plan("json")));
        assertThat(xml).contains("<!-- nfv-1: nic-1 -> nic-2, wave 1, live -->\n<hostdev mode='subsystem' type='pci' managed='yes'>\n  <source>\n"
                + "    <address domain='0x0000' bus='0xaf' slot='0x00' function='0x" + targets.function("nfv-1") + "'/>\n  </source>\n</hostdev>\n");
        assertThat(xml).contains("<hostdev mode='subsystem' type='mdev' model='vfio-pci' managed='no'>"); // cad-old stays an mdev
        assertThat(hostdevs(xml)).hasSize(4);
    }

    @Test
    void libvirtHostdevsAreValidAgainstLibvirtsDomainSchema() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(DOMAIN_RNG), "libvirt's domain schema is not installed (" + DOMAIN_RNG
                + ", Debian package libvirt0): the hostdevs are not checked against it here");
        List<String> errors = new ArrayList<>();
        ValidationDriver driver = driver(errors);
        assertThat(driver.loadSchema(ValidationDriver.fileInputSource(DOMAIN_RNG.toFile()))).as(errors.toString()).isTrue();
        for (String h : hostdevs(plan("libvirt")))
            assertThat(driver.validate(new InputSource(new StringReader(domain(h))))).as(h + errors).isTrue();
        // and the check can fail: a function number PCI does not have
        errors.clear();
        assertThat(driver.validate(new InputSource(new StringReader(domain(VfExports.libvirtHostdev("0000:af:00.4").replace("0x4'", "0x9'"))))))
                .isFalse();
        assertThat(errors).isNotEmpty();
    }

    @Test
    void theShellExportSetsAndResetsVfsThroughSysfsInThePlansOrder() {
        String sh = plan("mdevctl");
        JsonVfs targets = JsonVfs.of(Cli.parseJson(plan("json")));
        String nic = "0000:af:00." + targets.function("nfv-1");
        // the run order: the target host prepares (configures its VF), the VM migrates, the source host cleans up
        int prepare = sh.indexOf("on nic-2: sh nic-2.sh 1 prepare");
        int migrate = sh.indexOf("live-migrate nfv-1 nic-1 -> nic-2");
        int cleanup = sh.indexOf("on nic-1: sh nic-1.sh 1 cleanup");
        assertThat(prepare).isPositive();
        assertThat(migrate).isGreaterThan(prepare);
        assertThat(cleanup).isGreaterThan(migrate);
        // each host's script holds its own sysfs writes, in the phase the run order names
        assertThat(script(sh, "nic-2.sh")).contains("1:prepare)\n    # set VF " + nic)
                .contains("    echo mlx5_vfio_pci > /sys/bus/pci/devices/" + nic + "/driver_override\n    echo " + nic + " > /sys/bus/pci/drivers_probe");
        assertThat(script(sh, "nic-1.sh")).contains("1:cleanup)\n    # reset VF 0000:af:00.4")
                .contains("    echo 0000:af:00.4 > /sys/bus/pci/drivers/mlx5_vfio_pci/unbind");
        String gpu = "0000:41:00." + targets.function("cad-new");
        assertThat(script(sh, "l40s-v2.sh")).contains("    echo 1152 > /sys/bus/pci/devices/" + gpu + "/nvidia/current_vgpu_type");
        assertThat(script(sh, "l40s-v1.sh")).contains("1:cleanup)")
                .contains("    echo 0 > /sys/bus/pci/devices/0000:41:00.4/nvidia/current_vgpu_type");
    }

    /** One host's script out of the combined output. */
    private static String script(String all, String name) {
        int from = all.indexOf("# ===== " + name + " =====");
        assertThat(from).as(name).isNotNegative();
        int to = all.indexOf("# ===== ", from + 1);
        return all.substring(from, to < 0 ? all.length() : to);
    }

    private static ValidationDriver driver(List<String> errors) {
        ErrorHandler h = new ErrorHandler() {
            @Override public void warning(SAXParseException e) {}
            @Override public void error(SAXParseException e) { errors.add(e.getMessage()); }
            @Override public void fatalError(SAXParseException e) { errors.add(e.getMessage()); }
        };
        PropertyMapBuilder b = new PropertyMapBuilder();
        ValidateProperty.ERROR_HANDLER.put(b, h);
        return new ValidationDriver(b.toPropertyMap());
    }

    /** The smallest domain libvirt's schema accepts, holding one hostdev. */
    private static String domain(String hostdev) {
        return "<domain type='kvm'><name>vm</name><memory>1048576</memory><os><type>hvm</type></os><devices>" + hostdev + "</devices></domain>";
    }

    private static List<String> hostdevs(String xml) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<hostdev .*?</hostdev>\\n", Pattern.DOTALL).matcher(xml);
        while (m.find()) out.add(m.group());
        return out;
    }

    /** The target VF of each moved VM in a JSON plan. */
    record JsonVfs(com.fasterxml.jackson.databind.JsonNode plan) {
        static JsonVfs of(com.fasterxml.jackson.databind.JsonNode plan) { return new JsonVfs(plan); }

        String function(String vm) {
            String vf = VfCliTest.target(plan, vm).get("vf").asText();
            return vf.substring(vf.lastIndexOf('.') + 1);
        }
    }
}
