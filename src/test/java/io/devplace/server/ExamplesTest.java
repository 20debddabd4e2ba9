package io.devplace.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped examples stay usable: configs parse, and the scheduler config points at routes the service has. */
class ExamplesTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void serviceConfigParses() {
        ServiceConfig c = ServiceConfig.read("examples/service.yaml");
        assertThat(c.resourceTypes()).containsKey("nvidia.com/NVIDIA_A16-4Q");
        // a quarter GPU is the V5_4 type upstream (no "aggregator" attribute there)
        assertThat(c.resourceTypes().get("intel.com/gvt-quarter").type()).isEqualTo("i915-GVTg_V5_4");
        assertThat(c.resourceTypes().get("intel.com/gvt-quarter").attrs()).isEmpty();
    }

    @Test
    void deploymentCarriesAValidServiceConfigAndFleetAndProbesThatExist() throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(new File("examples/devplace-deployment.yaml"))) {
            while (it.hasNext()) docs.add(it.next());
        }
        assertThat(docs).extracting(d -> d.get("kind").asText()).containsExactly("ConfigMap", "Deployment", "Service");
        JsonNode data = docs.get(0).get("data");
        ServiceConfig cfg = ServiceConfig.parse("configmap service.yaml", data.get("service.yaml").asText().getBytes(StandardCharsets.UTF_8));
        // the empty fleet in the ConfigMap is a valid Fleet: the service starts on it
        try (TestService svc = TestService.start(data.get("fleet.yaml").asText().getBytes(StandardCharsets.UTF_8), cfg, null)) {
            JsonNode c = docs.get(1).get("spec").get("template").get("spec").get("containers").get(0);
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe"))
                assertThat(svc.get(c.get(probe).get("httpGet").get("path").asText()).statusCode()).as(probe).isEqualTo(200);
        }
    }

    @Test
    void schedulerConfigUsesTheServicesVerbsAndMappedResources() throws Exception {
        JsonNode k = YAML.readTree(new File("examples/kube-scheduler-config.yaml"));
        assertThat(k.get("apiVersion").asText()).isEqualTo("kubescheduler.config.k8s.io/v1");
        JsonNode ext = k.get("extenders").get(0);
        String prefix = java.net.URI.create(ext.get("urlPrefix").asText()).getPath();
        try (TestService svc = TestService.start()) {
            assertThat(svc.server.routes()).contains("POST " + prefix + "/" + ext.get("filterVerb").asText(),
                    "POST " + prefix + "/" + ext.get("prioritizeVerb").asText());
        }
        Set<String> mapped = ServiceConfig.read("examples/service.yaml").resourceTypes().keySet();
        Set<String> managed = new HashSet<>();
        ext.get("managedResources").forEach(r -> managed.add(r.get("name").asText()));
        assertThat(managed).isEqualTo(mapped);
        assertThat(ext.get("nodeCacheCapable").asBoolean()).isTrue();
        assertThat(ext.get("weight").asInt()).isPositive();
    }
}
