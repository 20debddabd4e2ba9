package io.devplace.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /v1/placements: ranking, recipes, and the assume cache that keeps two requests off the same last slot. */
class PlacementTest {
    /** host-a: one A16 GPU with 3 of 4 A16-4Q held by VMs (one slot left); host-b: one with 2 of 4 held. */
    static final String FLEET = """
            apiVersion: devplace/v1
            kind: Fleet
            hosts:
              - name: host-a
                cpus: 64
                memoryMiB: 262144
                attributes: {vgpu_manager: "17.4", libvirt: "10.0.0", qemu: "8.2.2"}
                devices:
                  - id: "0000:3b:00.0"
                    driver: nvidia
                    model: "NVIDIA A16"
                    mdevs:
                      - {uuid: "00000000-0000-4000-8000-000000000001", type: nvidia-713}
                      - {uuid: "00000000-0000-4000-8000-000000000002", type: nvidia-713}
                      - {uuid: "00000000-0000-4000-8000-000000000003", type: nvidia-713}
              - name: host-b
                cpus: 64
                memoryMiB: 262144
                attributes: {vgpu_manager: "17.4", libvirt: "10.0.0", qemu: "8.2.2"}
                devices:
                  - id: "0000:3b:00.0"
                    driver: nvidia
                    model: "NVIDIA A16"
                    mdevs:
                      - {uuid: "00000000-0000-4000-8000-000000000011", type: nvidia-713}
                      - {uuid: "00000000-0000-4000-8000-000000000012", type: nvidia-713}
            vms:
              - {name: a1, host: host-a, cpus: 4, memoryMiB: 8192, devices: [{mdev: "00000000-0000-4000-8000-000000000001"}]}
              - {name: a2, host: host-a, cpus: 4, memoryMiB: 8192, devices: [{mdev: "00000000-0000-4000-8000-000000000002"}]}
              - {name: a3, host: host-a, cpus: 4, memoryMiB: 8192, devices: [{mdev: "00000000-0000-4000-8000-000000000003"}]}
              - {name: b1, host: host-b, cpus: 4, memoryMiB: 8192, devices: [{mdev: "00000000-0000-4000-8000-000000000011"}]}
              - {name: b2, host: host-b, cpus: 4, memoryMiB: 8192, devices: [{mdev: "00000000-0000-4000-8000-000000000012"}]}
            """;
    static final String NEW_4Q = "{\"cpus\":4,\"memoryMiB\":8192,\"devices\":[{\"type\":\"nvidia-713\"}]}";

    static TestService small(String ttl) {
        String cfg = "apiVersion: devplace/v1\nkind: ServiceConfig\nreservationTtl: " + ttl + "\n";
        return TestService.start(FLEET.getBytes(StandardCharsets.UTF_8), TestService.config(cfg), null);
    }

    static JsonNode place(TestService svc, String body) {
        HttpResponse<String> r = svc.post("/v1/placements", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestService.json(r);
    }

    @Test
    void aVmWithADeviceOfALiveFalsePackIsNotLiveMigratableOverHttp() {
        // serial-1 holds an mtty and an mdpy device; mdpy's pack says live: false (as explain and planning decide)
        try (TestService svc = TestService.start()) {
            JsonNode res = place(svc, "{\"vm\":\"serial-1\"}");
            assertThat(res.get("hosts")).isEmpty();
            JsonNode reason = null;
            for (JsonNode r : res.get("rejected")) if (r.get("host").asText().equals("gpu-a1")) reason = r.get("reason");
            assertThat(reason.get("code").asText()).isEqualTo("NOT_LIVE_MIGRATABLE");
            assertThat(reason.get("detail").asText()).contains("rule pack mdpy").contains("registers no VFIO migration ops");
        }
    }

    static String bestHost(JsonNode res) { return res.get("hosts").isEmpty() ? null : res.get("hosts").get(0).get("host").asText(); }

    @Test
    void secondRequestForTheLastSlotIsRejected() {
        try (TestService svc = small("30s")) {
            String onlyA = "{\"cpus\":4,\"memoryMiB\":8192,\"devices\":[{\"type\":\"nvidia-713\"}],\"hosts\":[\"host-a\"]}";
            JsonNode first = place(svc, onlyA);
            assertThat(bestHost(first)).isEqualTo("host-a");
            assertThat(first.get("reservation").get("host").asText()).isEqualTo("host-a");
            JsonNode d = first.get("hosts").get(0).get("devices").get(0);
            assertThat(d.get("parent").asText()).isEqualTo("0000:3b:00.0");
            assertThat(d.get("action").asText()).isEqualTo("create");
            assertThat(d.get("rule").asText()).isEqualTo("same-type");

            JsonNode second = place(svc, onlyA);
            assertThat(second.get("hosts").isEmpty()).isTrue();
            assertThat(second.get("reservation").isNull()).isTrue();
            JsonNode reason = second.get("rejected").get(0).get("reason");
            assertThat(reason.get("code").asText()).isEqualTo("INSUFFICIENT_DEVICE_CAPACITY");
            assertThat(reason.get("parent").asText()).isEqualTo("0000:3b:00.0");
            JsonNode reasons = second.get("rejected").get(0).get("reasons");
            assertThat(reasons.size()).as("the list form").isEqualTo(1);
            assertThat(reasons.get(0)).isEqualTo(reason);
        }
    }

    @Test
    void secondRequestGetsTheNextBestHostAndReleaseFreesTheSlot() {
        try (TestService svc = small("30s")) {
            JsonNode first = place(svc, NEW_4Q);
            // consolidate: the fuller GPU first, so host-a's last slot is handed out before host-b is started on
            assertThat(first.get("hosts").get(0).get("score").asInt()).isEqualTo(10);
            assertThat(bestHost(first)).isEqualTo("host-a");
            JsonNode second = place(svc, NEW_4Q);
            assertThat(bestHost(second)).isEqualTo("host-b");
            assertThat(second.get("rejected").get(0).get("host").asText()).isEqualTo("host-a");

            String id = first.get("reservation").get("id").asText();
            assertThat(svc.delete("/v1/placements/" + id).statusCode()).isEqualTo(204);
            assertThat(svc.delete("/v1/placements/" + id).statusCode()).isEqualTo(404);
            assertThat(bestHost(place(svc, NEW_4Q))).isEqualTo("host-a");
        }
    }

    @Test
    void reservationsExpireAfterTheirTtl() throws InterruptedException {
        try (TestService svc = small("300ms")) {
            assertThat(bestHost(place(svc, NEW_4Q))).isEqualTo("host-a");
            assertThat(bestHost(place(svc, NEW_4Q))).isEqualTo("host-b");
            Thread.sleep(700);
            assertThat(bestHost(place(svc, NEW_4Q))).isEqualTo("host-a");
        }
    }

    @Test
    void withoutReserveNothingIsHeld() {
        try (TestService svc = small("30s")) {
            String peek = "{\"cpus\":4,\"memoryMiB\":8192,\"devices\":[{\"type\":\"nvidia-713\"}],\"reserve\":false}";
            assertThat(place(svc, peek).get("reservation").isNull()).isTrue();
            assertThat(bestHost(place(svc, peek))).isEqualTo("host-a");
        }
    }

    @Test
    void concurrentRequestsNeverShareASlot() throws Exception {
        try (TestService svc = small("30s")) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<JsonNode>> fs = new ArrayList<>();
            for (int i = 0; i < 8; i++) fs.add(pool.submit(() -> place(svc, NEW_4Q)));
            List<String> got = new ArrayList<>();
            for (Future<JsonNode> f : fs) {
                JsonNode r = f.get();
                if (!r.get("reservation").isNull()) got.add(r.get("reservation").get("host").asText());
            }
            pool.shutdown();
            // three free slots in all: one on host-a, two on host-b
            assertThat(got).containsExactlyInAnyOrder("host-a", "host-b", "host-b");
        }
    }

    @Test
    void theExtenderHonoursReservations() {
        try (TestService svc = small("30s")) {
            place(svc, "{\"cpus\":4,\"memoryMiB\":8192,\"devices\":[{\"type\":\"nvidia-713\"}],\"hosts\":[\"host-a\"]}");
            String pod = KubePods.pod("p", KubePods.devicesAnnotation("[{\"type\":\"nvidia-713\"}]"), null);
            JsonNode res = TestService.json(svc.post("/scheduler/filter", KubePods.argsByName(pod, List.of("host-a", "host-b"))));
            assertThat(res.get("NodeNames").toString()).isEqualTo("[\"host-b\"]");
            assertThat(res.get("FailedNodes").get("host-a").asText()).startsWith("INSUFFICIENT_DEVICE_CAPACITY: ");
        }
    }

    @Test
    void aFleetVmGetsItsRecipeWithReuseFirst() {
        try (TestService svc = TestService.start()) {
            JsonNode res = place(svc, "{\"vm\":\"thin-1\"}");
            assertThat(res.get("mode").asText()).isEqualTo("live");
            JsonNode best = res.get("hosts").get(0);
            assertThat(best.get("host").asText()).isEqualTo("gvt-2");
            assertThat(best.get("newMdevs").asInt()).isZero();
            assertThat(best.get("estimatedDowntimeMs").asLong()).isPositive();
            JsonNode d = best.get("devices").get(0);
            // V5_4 lands as the free V5_8 with aggregator=2 (the aggregation rule), reused rather than created
            assertThat(d.get("action").asText()).isEqualTo("reuse");
            assertThat(d.get("uuid").asText()).isEqualTo("5b7f0c2e-8d1a-4c3e-9f6b-2a4d8e1c7b90");
            assertThat(d.get("type").asText()).isEqualTo("i915-GVTg_V5_8");
            assertThat(d.get("rule").asText()).isEqualTo("intel-gvtg#0");
            assertThat(d.get("source").get("uuid").asText()).isEqualTo("d29dc1c0-fad4-4712-a6a4-38870c5b6271");
            JsonNode self = null;
            for (JsonNode r : res.get("rejected")) if (r.get("host").asText().equals("gvt-1")) self = r.get("reason");
            assertThat(self.get("code").asText()).isEqualTo("NOT_A_TARGET");

            // the free instance is now reserved for thin-1: thin-2 has to create one
            JsonNode next = place(svc, "{\"vm\":\"thin-2\"}");
            assertThat(next.get("hosts").get(0).get("host").asText()).isEqualTo("gvt-2");
            assertThat(next.get("hosts").get(0).get("devices").get(0).get("action").asText()).isEqualTo("create");
            assertThat(next.get("hosts").get(0).get("devices").get(0).has("uuid")).as("an instance to create has no UUID yet").isFalse();
            // asking again for thin-1 replaces its own reservation instead of competing with it
            assertThat(place(svc, "{\"vm\":\"thin-1\"}").get("hosts").get(0).get("devices").get(0).get("action").asText()).isEqualTo("reuse");
        }
    }

    /**
     * The device recipes name an instance only where one exists: the one reused. An instance to create gets its UUID
     * when it is created (a plan assigns them; a placement is a recommendation), reserved or not.
     */
    @Test
    void aDeviceNamesAUuidOnlyWhenItReusesAnInstance() {
        try (TestService svc = small("30s")) {
            for (String reserve : List.of("true", "false")) {
                JsonNode res = place(svc, NEW_4Q.replace("}]}", "}],\"reserve\":" + reserve + "}"));
                assertThat(res.get("hosts").size()).isPositive();
                for (JsonNode h : res.get("hosts"))
                    for (JsonNode d : h.get("devices")) {
                        assertThat(d.get("action").asText()).isEqualTo("create");
                        assertThat(d.has("uuid")).as("reserve %s: %s", reserve, d).isFalse();
                        assertThat(d.get("parent").asText()).isEqualTo("0000:3b:00.0");
                        assertThat(d.get("type").asText()).isEqualTo("nvidia-713");
                        assertThat(d.has("attrs") && d.has("placement") && d.has("rule")).as(d.toString()).isTrue();
                    }
            }
        }
        try (TestService svc = TestService.start()) {
            JsonNode d = place(svc, "{\"vm\":\"thin-1\",\"reserve\":false}").get("hosts").get(0).get("devices").get(0);
            assertThat(d.get("action").asText()).isEqualTo("reuse");
            assertThat(d.get("uuid").asText()).isEqualTo("5b7f0c2e-8d1a-4c3e-9f6b-2a4d8e1c7b90");
        }
    }

    @Test
    void invalidRequestsAre422WithTheReason() {
        try (TestService svc = small("30s")) {
            assertInvalid(svc, "{\"vm\":\"x\",\"cpus\":1}", "either vm");
            assertInvalid(svc, "{\"vm\":\"nope\"}", "'nope' is not in the fleet");
            assertInvalid(svc, "{\"cpus\":1}", "cpus and memoryMiB");
            assertInvalid(svc, "{\"cpus\":1,\"memoryMiB\":1,\"colour\":\"red\"}", "colour");
            assertInvalid(svc, "{\"cpus\":\"one\",\"memoryMiB\":1}", "cpus");
            assertInvalid(svc, "{\"cpus\":1,\"memoryMiB\":1,\"devices\":[{\"type\":\"nvidia-713\",\"attrs\":[{\"a\":\"1\",\"b\":\"2\"}]}]}",
                    "devices[0].attrs[0]: expected a map with exactly one key");
            assertInvalid(svc, "{\"cpus\":-1,\"memoryMiB\":1}", "cpus: expected 0 or more but got -1");
            HttpResponse<String> r = svc.post("/v1/placements", "{\"cpus\":1,");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(TestService.json(r).get("error").asText()).startsWith("malformed JSON at line 1");
        }
    }

    static void assertInvalid(TestService svc, String body, String message) {
        HttpResponse<String> r = svc.post("/v1/placements", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(TestService.json(r).get("error").asText()).contains(message);
    }
}
