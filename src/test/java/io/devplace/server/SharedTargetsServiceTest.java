package io.devplace.server;

import io.devplace.problem.CompatibleTargets;
import com.fasterxml.jackson.databind.JsonNode;
import io.devplace.model.Host;
import io.devplace.problem.Candidates;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's candidates shared between VMs whose devices look alike ({@link CompatibleTargets}; that they equal
 * what is computed for each VM alone is tested with the class) must die with their fleet generation, and must never
 * hide load or reservations (they are rules only).
 */
class SharedTargetsServiceTest {

    @Test
    void aNewFleetGenerationStartsWithoutTheOldCandidates() {
        try (TestService svc = TestService.start()) {
            List<String> nodes = List.of("gpu-a1", "gpu-a2", "gpu-a3", "gpu-a4");
            String args = KubePods.argsByName(KubePods.pod("virt-launcher-render-1-target", KubePods.migrateFrom("render-1"), null), nodes);
            JsonNode before = ExtenderTest.filterOn(svc, args);
            assertThat(before.get("FailedAndUnresolvableNodes").get("gpu-a4").asText()).startsWith("NO_COMPATIBLE_DEVICE: "); // 17.3 != 17.4

            String upgraded = new String(TestService.exampleFleet(), StandardCharsets.UTF_8)
                    .replace("attributes: {vgpu_manager: \"17.3\"", "attributes: {vgpu_manager: \"17.4\"");
            HttpResponse<String> put = svc.send(svc.request("/v1/fleet").header("Content-Type", "application/yaml")
                    .PUT(HttpRequest.BodyPublishers.ofString(upgraded)).build());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

            JsonNode after = ExtenderTest.filterOn(svc, args);
            assertThat(after.get("FailedAndUnresolvableNodes").has("gpu-a4")).as(after.toString()).isFalse();
        }
    }

    @Test
    void reservationsMadeAfterTheCandidatesWereSharedStillCount() {
        try (TestService svc = PlacementTest.small("30s")) {
            String args = KubePods.argsByName(KubePods.pod("virt-launcher-a1-target", KubePods.migrateFrom("a1"), null), List.of("host-a", "host-b"));
            JsonNode before = ExtenderTest.filterOn(svc, args);
            assertThat(ExtenderTest.names(before.get("NodeNames"))).containsExactly("host-b");

            // host-b's A16 holds two 4Q of four: two new VMs take the rest
            String onlyB = "{\"cpus\":1,\"memoryMiB\":1024,\"devices\":[{\"type\":\"nvidia-713\"}],\"hosts\":[\"host-b\"]}";
            for (int i = 0; i < 2; i++)
                assertThat(PlacementTest.bestHost(PlacementTest.place(svc, onlyB.replace("{\"cpus\"", "{\"name\":\"new-" + i + "\",\"cpus\"")))).isEqualTo("host-b");

            JsonNode after = ExtenderTest.filterOn(svc, args);
            assertThat(ExtenderTest.names(after.get("NodeNames"))).isEmpty();
            assertThat(after.get("FailedNodes").get("host-b").asText()).doesNotStartWith("NO_COMPATIBLE_DEVICE");
        }
    }
}
