package io.devplace.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The kube-scheduler extender over real HTTP, with ExtenderArgs shaped as kube-scheduler sends them. */
class ExtenderTest {
    static final List<String> GPU_NODES = List.of("gpu-a1", "gpu-a2", "gpu-a3", "gpu-a4", "old-a5", "gvt-1", "gvt-2");
    static TestService svc;

    @BeforeAll
    static void start() { svc = TestService.start(); }

    @AfterAll
    static void stop() { svc.close(); }

    static JsonNode filter(String args) { return filterOn(svc, args); }

    static JsonNode filterOn(TestService svc, String args) {
        HttpResponse<String> r = svc.post("/scheduler/filter", args);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestService.json(r);
    }

    static List<String> names(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void cacheModeAnswersWithNodeNamesAndExactKeys() {
        String pod = KubePods.pod("virt-launcher-vm1-abcde", KubePods.devicesAnnotation("[{\"type\":\"nvidia-714\"}]"), null);
        HttpResponse<String> r = svc.post("/scheduler/filter", KubePods.argsByName(pod, GPU_NODES));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode res = TestService.json(r);
        assertThat(res.fieldNames()).toIterable().containsExactly("Nodes", "NodeNames", "FailedNodes", "FailedAndUnresolvableNodes", "Error");
        assertThat(res.get("Nodes").isNull()).isTrue();
        assertThat(res.get("Error").asText()).isEmpty();
        // A16-8Q: every GPU of gpu-a1 is full or locked to another type (an eviction could help: FailedNodes);
        // gpu-a4 and old-a5 have empty A16s (a new pod does not migrate, so neither the 17.3 manager nor old-a5's
        // libvirt matters); GVT-g hosts have no A16 at all (no eviction helps: unresolvable)
        assertThat(names(res.get("NodeNames"))).containsExactly("gpu-a2", "gpu-a3", "gpu-a4", "old-a5");
        assertThat(res.get("FailedNodes").get("gpu-a1").asText()).startsWith("TYPE_LOCKED: ");
        assertThat(res.get("FailedNodes").size()).isEqualTo(1);
        assertThat(res.get("FailedAndUnresolvableNodes").get("gvt-1").asText()).startsWith("NO_COMPATIBLE_DEVICE: ");
        assertThat(res.get("FailedAndUnresolvableNodes").get("gvt-2").asText()).startsWith("NO_COMPATIBLE_DEVICE: ");
    }

    @Test
    void nonCacheModeEchoesTheNodeObjectsThatPass() {
        String pod = KubePods.pod("virt-launcher-vm2-xyz", null, "\"intel.com/gvt-v5-8x2\":\"1\",\"cpu\":\"2\"");
        JsonNode res = filter(KubePods.argsWithNodes(pod, List.of("gpu-a1", "gvt-1", "gvt-2")));
        assertThat(res.get("NodeNames").isNull()).isTrue();
        JsonNode items = res.get("Nodes").get("items");
        assertThat(items.size()).isEqualTo(2);
        assertThat(items.get(0).get("metadata").get("name").asText()).isEqualTo("gvt-1");
        assertThat(items.get(1).get("metadata").get("name").asText()).isEqualTo("gvt-2");
        // the node objects come back whole, as kube-scheduler sent them
        assertThat(items.get(1)).isEqualTo(TestService.tree(KubePods.node("gvt-2")));
        assertThat(res.get("Nodes").get("metadata").get("resourceVersion").asText()).isEqualTo("9");
        assertThat(res.get("FailedAndUnresolvableNodes").get("gpu-a1").asText()).startsWith("NO_COMPATIBLE_DEVICE: ");
    }

    @Test
    void nullsAreToleratedEverywhere() {
        JsonNode res = filter("{\"Pod\":null,\"Nodes\":null,\"NodeNames\":null}");
        assertThat(res.get("Error").asText()).isEmpty();
        res = filter("{\"Pod\":{\"metadata\":null,\"spec\":null},\"Nodes\":{\"metadata\":null,\"items\":null},\"NodeNames\":null}");
        assertThat(res.get("Nodes").get("items").size()).isZero();
        res = filter("{\"Pod\":{\"metadata\":{\"name\":\"p\",\"annotations\":null},\"spec\":{\"containers\":[{\"name\":\"c\",\"resources\":null}]}},"
                + "\"NodeNames\":[\"gvt-1\",\"gpu-a1\"]}");
        // asks for no device: devices are all this extender judges, so every node passes
        assertThat(names(res.get("NodeNames"))).containsExactly("gvt-1", "gpu-a1");
        HttpResponse<String> p = svc.post("/scheduler/prioritize", "{\"Pod\":null,\"Nodes\":null,\"NodeNames\":[\"gvt-1\"]}");
        assertThat(p.statusCode()).isEqualTo(200);
        assertThat(p.body()).isEqualTo("[{\"Host\":\"gvt-1\",\"Score\":10}]");
    }

    @Test
    void extendedResourcesMapToTypesAndCountAcrossContainers() {
        String pod = KubePods.pod("two-gpus", null, "\"nvidia.com/NVIDIA_A16-8Q\":\"2\"");
        JsonNode res = filter(KubePods.argsByName(pod, GPU_NODES));
        // two 8Q: gpu-a2's 3c has one free slot only, but its empty 3d/3e parents take the pair
        assertThat(names(res.get("NodeNames"))).contains("gpu-a2", "gpu-a4");
        String tooMany = KubePods.pod("too-many", null, "\"nvidia.com/NVIDIA_A16-8Q\":\"1000\"");
        assertThat(filter(KubePods.argsByName(tooMany, GPU_NODES)).get("Error").asText()).contains("at most 16");
    }

    @Test
    void migrationTargetPodIsJudgedByItsVmsRules() {
        String pod = KubePods.pod("virt-launcher-render-1-target", KubePods.migrateFrom("render-1"), "\"nvidia.com/NVIDIA_A16-4Q\":\"1\"");
        JsonNode res = filter(KubePods.argsByName(pod, GPU_NODES));
        assertThat(names(res.get("NodeNames"))).containsExactly("gpu-a3");
        assertThat(res.get("FailedNodes").get("gpu-a2").asText()).startsWith("ANTI_AFFINITY: ");
        JsonNode unres = res.get("FailedAndUnresolvableNodes");
        assertThat(unres.get("gpu-a1").asText()).startsWith("NOT_A_TARGET: ");
        assertThat(unres.get("gpu-a4").asText()).startsWith("NO_COMPATIBLE_DEVICE: "); // vGPU manager 17.3 != 17.4
        assertThat(unres.get("old-a5").asText()).startsWith("HOST_REQUIREMENT: ").contains("libvirt");
        assertThat(unres.get("gvt-1").asText()).startsWith("NO_COMPATIBLE_DEVICE: ");

        JsonNode scores = TestService.json(svc.post("/scheduler/prioritize", KubePods.argsByName(pod, GPU_NODES)));
        assertThat(scores.size()).isEqualTo(GPU_NODES.size());
        for (JsonNode s : scores) {
            assertThat(s.fieldNames()).toIterable().containsExactly("Host", "Score");
            assertThat(s.get("Score").asInt()).isEqualTo(s.get("Host").asText().equals("gpu-a3") ? 10 : 0);
        }
    }

    @Test
    void prioritizeRanksReuseAndPackingFirst() {
        // a V5_8 with aggregator=2: gvt-2 holds a free one to reuse; gvt-1 would create one
        String pod = KubePods.pod("thin", KubePods.devicesAnnotation("[{\"type\":\"i915-GVTg_V5_8\",\"attrs\":[{\"aggregator\":\"2\"}]}]"), null);
        JsonNode scores = TestService.json(svc.post("/scheduler/prioritize", KubePods.argsWithNodes(pod, List.of("gvt-1", "gvt-2", "gpu-a1"))));
        assertThat(scores.toString()).isEqualTo("[{\"Host\":\"gvt-1\",\"Score\":1},{\"Host\":\"gvt-2\",\"Score\":10},{\"Host\":\"gpu-a1\",\"Score\":0}]");
    }

    @Test
    void unreadablePodsFailWithErrorNotWithAStatus() {
        String unknownVm = KubePods.pod("p", KubePods.migrateFrom("no-such-vm"), null);
        assertThat(filter(KubePods.argsByName(unknownVm, GPU_NODES)).get("Error").asText()).contains("no-such-vm").contains("not in the fleet");
        String badAnnotation = KubePods.pod("p", "\"devplace.io/devices\":\"[{\\\"typo\\\":1}]\"", null);
        assertThat(filter(KubePods.argsByName(badAnnotation, GPU_NODES)).get("Error").asText()).contains("unknown field 'typo'");
        String badAttrs = KubePods.pod("p", KubePods.devicesAnnotation("[{\"type\":\"nvidia-713\",\"attrs\":{\"aggregator\":\"2\"}}]"), null);
        assertThat(filter(KubePods.argsByName(badAttrs, GPU_NODES)).get("Error").asText()).contains("one-key maps");
        HttpResponse<String> p = svc.post("/scheduler/prioritize", KubePods.argsByName(badAttrs, List.of("gpu-a1")));
        assertThat(p.statusCode()).isEqualTo(200);
        assertThat(p.body()).isEqualTo("[{\"Host\":\"gpu-a1\",\"Score\":0}]");
    }

    @Test
    void notAnExtenderArgsObjectIs400() {
        HttpResponse<String> r = svc.post("/scheduler/filter", "[1,2]");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestService.json(r).get("error").asText()).contains("ExtenderArgs");
        r = svc.post("/scheduler/filter", "{\"NodeNames\":\"gpu-a1\"}");
        assertThat(r.statusCode()).isEqualTo(400);
    }
}
