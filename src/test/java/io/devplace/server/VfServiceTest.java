package io.devplace.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service over real HTTP with VF-based hosts (docs/vf.md; docs/service.md): a new VM asking for a VF-based vGPU type is
 * placed on hosts with a free VF (action configure), never on mdev hosts; a pod asking for it through the annotation
 * passes the extender only on those hosts; a migration target for a VM owning a VF is filtered by its pack's rules.
 */
class VfServiceTest {
    static TestService svc;

    @BeforeAll
    static void start() throws IOException {
        String cfg = "apiVersion: devplace/v1\nkind: ServiceConfig\nreservationTtl: 1ms\n";
        svc = TestService.start(Files.readAllBytes(Path.of("examples/fleet-vf.yaml")), TestService.config(cfg), null);
    }

    @AfterAll
    static void stop() { svc.close(); }

    @Test
    void aNewVmAskingForAVfTypeGoesToAFreeVf() {
        JsonNode res = PlacementTest.place(svc, "{\"cpus\":4,\"memoryMiB\":8192,\"devices\":[{\"type\":\"1152\"}]}");
        List<String> hosts = res.get("hosts").findValues("host").stream().map(JsonNode::asText).toList();
        assertThat(hosts).containsExactlyInAnyOrder("l40s-v1", "l40s-v2");
        JsonNode dev = res.get("hosts").get(0).get("devices").get(0);
        assertThat(dev.get("action").asText()).isEqualTo("configure");
        assertThat(dev.get("parent").asText()).isEqualTo("0000:41:00.0");
    }

    @Test
    void theExtenderPassesAVfTypePodOnlyWhereAVfCanTakeIt() {
        String pod = KubePods.pod("virt-launcher-cad", KubePods.devicesAnnotation("[{\"type\":\"1152\"}]"), "\"cpu\":\"2\"");
        JsonNode res = ExtenderTest.filterOn(svc, KubePods.argsByName(pod, List.of("l40s-m2", "l40s-v2", "nic-2")));
        assertThat(res.get("NodeNames")).extracting(JsonNode::asText).containsExactly("l40s-v2");
        assertThat(res.get("FailedAndUnresolvableNodes").get("l40s-m2").asText()).startsWith("NO_COMPATIBLE_DEVICE");
    }

    @Test
    void aMigrationTargetPodForAVfOwnerFollowsItsPack() {
        String pod = KubePods.pod("virt-launcher-nfv-1-target", KubePods.migrateFrom("nfv-1"), "\"cpu\":\"2\"");
        JsonNode res = ExtenderTest.filterOn(svc, KubePods.argsByName(pod, List.of("nic-2", "nic-3", "l40s-v2")));
        assertThat(res.get("NodeNames")).extracting(JsonNode::asText).containsExactly("nic-2");
        assertThat(res.get("FailedAndUnresolvableNodes").get("nic-3").asText()).startsWith("NO_COMPATIBLE_DEVICE");
    }
}
