package io.devplace.problem;

import io.devplace.model.FleetReader;
import io.devplace.model.MoveMode;
import io.devplace.model.Reason;
import io.devplace.model.Vm;
import io.devplace.rules.RuleBook;
import org.junit.jupiter.api.Test;

import java.util.List;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FleetView#mayMatch} lets {@link Candidates} skip the parents of a host none of whose offers accept a live
 * move's descriptor: the skip must give exactly the outcome the scan gave, and must never skip a host that can take it.
 */
class CandidatesTest {
    private static final String OK = "{vgpu_manager: \"17.4\", libvirt: \"10.0.0\", qemu: \"8.2.2\"}";
    private static final String OTHER_VERSION = "{vgpu_manager: \"17.3\", libvirt: \"10.0.0\", qemu: \"8.2.2\"}";

    private static FleetView view() {
        String yaml = """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - name: src
                    cpus: 64
                    memoryMiB: 262144
                    attributes: %1$s
                    devices:
                      - {id: "0000:01:00.0", driver: nvidia, model: NVIDIA A16, mdevs: [
                          {uuid: 5c000000-0000-4000-8000-000000000001, type: nvidia-713}]}
                  - name: same
                    cpus: 64
                    memoryMiB: 262144
                    attributes: %1$s
                    devices:
                      - {id: "0000:41:00.0", driver: nvidia, model: NVIDIA A16}
                  - name: version
                    cpus: 64
                    memoryMiB: 262144
                    attributes: %2$s
                    devices:
                      - {id: "0000:41:00.0", driver: nvidia, model: NVIDIA A16}
                  - name: board
                    cpus: 64
                    memoryMiB: 262144
                    attributes: %1$s
                    devices:
                      - {id: "0000:41:00.0", driver: nvidia, model: NVIDIA L40S}
                vms:
                  - {name: v, host: src, cpus: 8, memoryMiB: 32768, devices: [{mdev: 5c000000-0000-4000-8000-000000000001}]}
                """.formatted(OK, OTHER_VERSION);
        return new FleetView(FleetReader.parse("test.yaml", yaml.getBytes(UTF_8)).value(), RuleBook.bundledOnly());
    }

    @Test
    void aHostWithAMatchingOfferIsScannedAndGivesTargets() {
        FleetView view = view();
        Vm v = view.fleet().vm("v");
        assertTrue(view.mayMatch(view.descriptor(v, view.devices(v).get(0)), "same"));
        HostCandidates hc = Candidates.on(view, v, MoveMode.LIVE, view.fleet().host("same"));
        assertTrue(hc.possible());
        assertFalse(hc.perDevice().get(0).isEmpty());
    }

    @Test
    void hostsOfAnotherDriverVersionOrBoardAreSkippedWithTheScansReason() {
        FleetView view = view();
        Vm v = view.fleet().vm("v");
        for (String host : List.of("version", "board")) {
            assertFalse(view.mayMatch(view.descriptor(v, view.devices(v).get(0)), host), host);
            HostCandidates hc = Candidates.on(view, v, MoveMode.LIVE, view.fleet().host(host));
            assertFalse(hc.possible(), host);
            assertEquals(List.of(new Reason(Reason.NO_COMPATIBLE_DEVICE, host, null, null,
                    "no parent on " + host + " can create a device compatible with nvidia-713 (device 0)")), hc.blockers());
        }
    }

    /** The answer is remembered per (descriptor, set of offers): equal hosts share it, different ones do not. */
    @Test
    void hostsWithEqualOffersShareAnAnswerOthersGetTheirOwn() {
        FleetView view = view();
        Vm v = view.fleet().vm("v");
        var d = view.descriptor(v, view.devices(v).get(0));
        assertFalse(view.mayMatch(d, "version"));
        assertTrue(view.mayMatch(d, "same"));
        assertFalse(view.mayMatch(d, "board"));
        assertTrue(view.mayMatch(d, "src")); // the source host offers the same A16 types as 'same'
    }
}
