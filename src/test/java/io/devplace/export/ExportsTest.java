package io.devplace.export;

import io.devplace.model.Fleet;
import io.devplace.model.Host;
import io.devplace.model.Mdev;
import io.devplace.model.MoveMode;
import io.devplace.model.ParentDevice;
import io.devplace.model.Plan;
import io.devplace.model.Policy;
import io.devplace.model.Reason;
import io.devplace.model.Vm;
import io.devplace.model.VmDevice;
import io.devplace.problem.FleetView;
import io.devplace.rules.RuleBook;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What exports carry from the fleet and the plan: start, slot placement, guest address, unplaced VMs, one script per host. */
class ExportsTest {
    static final String SRC_AUTO = "3b0c7a6e-0c59-4f0d-9b70-8a3f1d2e4c11";
    static final String SRC_PLAIN = "4c1d8b7f-1d6a-4e1a-8c81-9b4f2e3d5c22";
    static final String NEW_1 = "9f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b";
    static final String NEW_2 = "8e0d1c2b-3a49-4867-9a5b-4b3c2d1e0f9a";

    static Fleet fleet() {
        Map<String, String> address = new LinkedHashMap<>();
        address.put("type", "pci");
        address.put("domain", "0x0000");
        address.put("bus", "0x00");
        address.put("slot", "0x09");
        address.put("function", "0x0");
        ParentDevice src = new ParentDevice("0000:3b:00.0", "nvidia", "NVIDIA L40S", null, null, null, null, List.of(
                new Mdev(SRC_AUTO, "nvidia-1155", List.of(), null, 0L, "auto"), new Mdev(SRC_PLAIN, "nvidia-1155", List.of(), null, 8L)));
        ParentDevice dst = new ParentDevice("0000:af:00.0", "nvidia", "NVIDIA L40S", null, null, null, null, List.of());
        Host a = new Host("host-a", 64, 65536, null, null, null, null, List.of(src));
        Host b = new Host("host-b", 64, 65536, null, null, null, null, List.of(dst));
        Vm v1 = new Vm("vm-1", "host-a", 4, 4096, 0, true, null, List.of(new VmDevice(SRC_AUTO, null, address)));
        Vm v2 = new Vm("vm-2", "host-a", 4, 4096, 0, true, null, List.of(new VmDevice(SRC_PLAIN, null)));
        return new Fleet("devplace/v1", "Fleet", List.of(a, b), List.of(v1, v2));
    }

    static Plan plan() {
        Plan.Move m1 = new Plan.Move("vm-1", MoveMode.LIVE, "host-a", "host-b", 1, 900, List.of(new Plan.MoveDevice(
                new Plan.Source("0000:3b:00.0", SRC_AUTO, "nvidia-1155"),
                new Plan.Target("0000:af:00.0", "nvidia-1155", List.of(), NEW_1, "create", 16L, "nvidia-l40s-mixed-size#0"))));
        Plan.Move m2 = new Plan.Move("vm-2", MoveMode.LIVE, "host-a", "host-b", 1, 900, List.of(new Plan.MoveDevice(
                new Plan.Source("0000:3b:00.0", SRC_PLAIN, "nvidia-1155"),
                new Plan.Target("0000:af:00.0", "nvidia-1155", List.of(), NEW_2, "create", null, "nvidia-l40s-mixed-size#0"))));
        List<Plan.Action> actions = List.of(
                Plan.Action.create(1, "host-b", "0000:af:00.0", NEW_1, "nvidia-1155", List.of(), 16L),
                Plan.Action.create(1, "host-b", "0000:af:00.0", NEW_2, "nvidia-1155", List.of(), null),
                Plan.Action.migrate(1, MoveMode.LIVE, "vm-1", "host-a", "host-b"),
                Plan.Action.migrate(1, MoveMode.LIVE, "vm-2", "host-a", "host-b"),
                Plan.Action.remove(1, "host-a", "0000:3b:00.0", SRC_AUTO),
                Plan.Action.remove(1, "host-a", "0000:3b:00.0", SRC_PLAIN));
        Plan.Unplaced u = new Plan.Unplaced("vm-9", List.of(new Reason("NOT_LIVE_MIGRATABLE", null, null, "vm-9", "vm-9 is not live-migratable")));
        return new Plan("devplace/v1", "Plan", new Plan.Request(List.of("host-a"), Policy.defaults()),
                new Plan.Summary(3, 2, 1, 2, 1, 2L, true, "0hard/-1medium/-1soft", 5L, "sha256:f"), List.of(m1, m2), actions, List.of(u));
    }

    @Test
    void mdevctlCreatesStartAsTheSourceDidAndSaysWhatItCannotCarry() {
        List<ExportFile> files = MdevctlExport.files(plan(), new FleetView(fleet(), RuleBook.bundledOnly()));
        assertThat(files).extracting(ExportFile::name).containsExactly("host-a.sh", "host-b.sh");
        String b = files.get(1).text();
        assertThat(b).contains("--uuid " + NEW_1 + " --jsonfile /dev/stdin <<'DEVPLACE_JSON'\n{\"mdev_type\":\"nvidia-1155\",\"start\":\"auto\",\"attrs\":[]}\n");
        // the second source has no start in the fleet: manual, and the script says why
        assertThat(b).contains("start: manual (the fleet does not say").contains("{\"mdev_type\":\"nvidia-1155\",\"start\":\"manual\",\"attrs\":[]}");
        assertThat(b).contains("slot offset 16").contains("mdevctl cannot set a placement");
        assertThat(b).contains("1:prepare)").doesNotContain("cleanup)").doesNotContain("undefine");
        String a = files.get(0).text();
        assertThat(a).contains("1:cleanup)").contains("mdevctl undefine --parent 0000:3b:00.0 --uuid " + SRC_AUTO).doesNotContain("mdevctl define");
        for (ExportFile f : files) assertThat(f.text()).contains("# plan " + PlanStamp.digest(plan())).contains("vm-9: NOT_LIVE_MIGRATABLE");
    }

    @Test
    void runOrderPutsPrepareBeforeTheMigrationsAndCleanupAfter() {
        String all = MdevctlExport.render(plan(), new FleetView(fleet(), RuleBook.bundledOnly()));
        int prepare = all.indexOf("on host-b: sh host-b.sh 1 prepare");
        int migrate = all.indexOf("live-migrate vm-1 host-a -> host-b");
        int cleanup = all.indexOf("on host-a: sh host-a.sh 1 cleanup");
        assertThat(prepare).isPositive().isLessThan(migrate);
        assertThat(migrate).isLessThan(cleanup);
    }

    @Test
    void libvirtKeepsTheGuestAddressTheSourceDomainHad() {
        FleetView view = new FleetView(fleet(), RuleBook.bundledOnly());
        List<ExportFile> files = LibvirtExport.files(plan(), view);
        assertThat(files).extracting(ExportFile::name).containsExactly("vm-1.xml", "vm-2.xml");
        assertThat(files.get(0).text()).contains("<address uuid='" + NEW_1 + "'/>")
                .contains("<address type='pci' domain='0x0000' bus='0x00' slot='0x09' function='0x0'/>");
        assertThat(files.get(1).text()).contains("<address uuid='" + NEW_2 + "'/>").doesNotContain("type='pci'");
        assertThat(LibvirtExport.render(plan(), view)).contains("<!--   vm-9: NOT_LIVE_MIGRATABLE -->");
    }

    @Test
    void theDigestIsTheSameForAPlanReadBack() throws Exception {
        Plan p = plan();
        String json = io.devplace.cli.Output.json(p);
        Plan back = io.devplace.model.PlanReader.parse("p.json", json.getBytes()).value();
        assertThat(PlanStamp.digest(back)).isEqualTo(PlanStamp.digest(p));
    }

    @Test
    void fileNamesStayInTheFolder() {
        assertThat(ExportFile.safe("../etc/passwd", ".sh")).isEqualTo(".._etc_passwd.sh".replaceFirst("^\\.", "_."));
        assertThat(ExportFile.safe("a b/c", ".xml")).isEqualTo("a_b_c.xml");
        assertThat(Shell.quote("x'; rm -rf /")).isEqualTo("'x'\\''; rm -rf /'");
    }
}
