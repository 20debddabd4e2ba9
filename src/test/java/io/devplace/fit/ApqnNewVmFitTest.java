package io.devplace.fit;

import io.devplace.model.FleetReader;
import io.devplace.model.Policy;
import io.devplace.model.Reason;
import io.devplace.model.Vm;
import io.devplace.problem.FleetView;
import io.devplace.rules.RuleBook;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A new VM asking for a vfio-ap mdev with adapters and domains (the service's and what-if's fit): its APQNs must be free. */
class ApqnNewVmFitTest {
    static final String FREE = "00000000-0000-4000-8000-000000000002";
    static final FleetView VIEW = new FleetView(FleetReader.parse("t.yaml", """
            apiVersion: devplace/v1
            kind: Fleet
            hosts:
              - name: z
                cpus: 8
                memoryMiB: 16384
                devices:
                  - id: matrix
                    driver: vfio_ap
                    mdevs:
                      - {uuid: "00000000-0000-4000-8000-000000000001", type: vfio_ap-passthrough, attrs: [{assign_adapter: "5"}, {assign_domain: "4"}]}
                      - {uuid: "%s", type: vfio_ap-passthrough, attrs: [{assign_adapter: "6"}, {assign_domain: "4"}]}
            vms:
              - {name: owner, host: z, cpus: 1, memoryMiB: 1024, devices: [{mdev: "00000000-0000-4000-8000-000000000001"}]}
            """.formatted(FREE).getBytes(StandardCharsets.UTF_8)).value(), RuleBook.bundledOnly());

    static HostVerdict ask(String... adapterDomain) {
        List<Map<String, String>> attrs = new ArrayList<>();
        for (int i = 0; i < adapterDomain.length; i += 2) {
            attrs.add(Map.of("assign_adapter", adapterDomain[i]));
            attrs.add(Map.of("assign_domain", adapterDomain[i + 1]));
        }
        Vm vm = new Vm("new", null, 1, 1024, 0, true, List.of(), List.of());
        return NewVmFit.judge(new FleetState(VIEW), vm, List.of(new DeviceRequest("vfio_ap-passthrough", attrs)), VIEW.fleet().host("z"), Policy.defaults());
    }

    @Test
    void aNewMdevOnAHeldApqnIsRefusedNamingTheHolder() {
        HostVerdict v = ask("0x5", "04");
        assertThat(v.reason().code()).isEqualTo(Reason.INSUFFICIENT_DEVICE_CAPACITY);
        assertThat(v.reason().detail()).contains("APQN 0x5.0x4").contains("held by mdev 00000000-0000-4000-8000-000000000001");
    }

    @Test
    void aFreeApqnFitsAndAFreeMdevWithTheSameAssignmentsIsReused() {
        assertThat(ask("7", "4").fits()).isTrue();
        HostVerdict same = ask("6", "0x4");
        assertThat(same.fits()).isTrue();
        assertThat(same.targets().get(0).reuseUuid()).isEqualTo(FREE);
        // a superset of the free mdev's queues is not the same assignment: a new mdev, which clashes with the free one on 6.4
        HostVerdict more = ask("6", "4", "6", "5");
        assertThat(more.reason().code()).isEqualTo(Reason.INSUFFICIENT_DEVICE_CAPACITY);
        assertThat(more.reason().detail()).contains("APQN 0x6.0x4").contains("held by mdev " + FREE);
    }
}
