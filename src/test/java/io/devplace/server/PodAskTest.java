package io.devplace.server;

import io.devplace.fit.DeviceRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading what a pod asks for: annotations, extended resources (containers summed, init containers maxed), nulls. */
class PodAskTest {
    static final Map<String, DeviceRequest> TYPES = Map.of("nvidia.com/A16-4Q", new DeviceRequest("nvidia-713", List.of()),
            "intel.com/gvt", new DeviceRequest("i915-GVTg_V5_8", List.of(Map.of("aggregator", "2"))));

    static PodAsk ask(String pod) { return PodAsk.of(TestService.tree(pod), TYPES); }

    @Test
    void resourcesSumOverContainersAndTakeTheLargestInitContainer() {
        PodAsk a = ask("""
                {"metadata":{"name":"p","namespace":"ns"},"spec":{
                  "containers":[{"resources":{"limits":{"nvidia.com/A16-4Q":"1"}}},{"resources":{"requests":{"nvidia.com/A16-4Q":1},"limits":null}}],
                  "initContainers":[{"resources":{"limits":{"nvidia.com/A16-4Q":"3","intel.com/gvt":"1"}}}]}}
                """);
        assertThat(a.name()).isEqualTo("ns/p");
        assertThat(a.devices()).extracting(DeviceRequest::type).containsExactlyInAnyOrder("nvidia-713", "nvidia-713", "nvidia-713", "i915-GVTg_V5_8");
        assertThat(a.devices()).filteredOn(d -> d.type().startsWith("i915")).first().extracting(DeviceRequest::attrs).isEqualTo(List.of(Map.of("aggregator", "2")));
    }

    @Test
    void theDevicesAnnotationReplacesResourcesAndMigrateFromReplacesBoth() {
        String spec = ",\"spec\":{\"containers\":[{\"resources\":{\"limits\":{\"nvidia.com/A16-4Q\":\"2\"}}}]}}";
        PodAsk a = ask("{\"metadata\":{\"name\":\"p\",\"annotations\":{\"devplace.io/devices\":\"[{\\\"type\\\":\\\"mtty-2\\\",\\\"attrs\\\":[{\\\"x\\\":\\\"1\\\"}]}]\"}}" + spec);
        assertThat(a.devices()).containsExactly(new DeviceRequest("mtty-2", List.of(Map.of("x", "1"))));
        PodAsk m = ask("{\"metadata\":{\"name\":\"p\",\"annotations\":{\"devplace.io/migrate-from\":\" vm-17 \"}}" + spec);
        assertThat(m.migrateFrom()).isEqualTo("vm-17");
        assertThat(m.devices()).isEmpty();
    }

    @Test
    void nullsAndMissingPartsAskForNothing() {
        assertThat(PodAsk.of(null, TYPES).devices()).isEmpty();
        assertThat(ask("{}").devices()).isEmpty();
        assertThat(ask("{\"metadata\":null,\"spec\":{\"containers\":null,\"initContainers\":[null]}}").devices()).isEmpty();
        assertThat(ask("{\"spec\":{\"containers\":[{\"resources\":{\"limits\":{\"cpu\":\"500m\",\"nvidia.com/A16-4Q\":null}}}]}}").devices()).isEmpty();
    }

    @Test
    void nonsenseIsReportedWithWhere() {
        assertThatThrownBy(() -> ask("{\"spec\":{\"containers\":[{\"resources\":{\"limits\":{\"nvidia.com/A16-4Q\":\"500m\"}}}]}}"))
                .hasMessageContaining("nvidia.com/A16-4Q").hasMessageContaining("whole number");
        assertThatThrownBy(() -> ask("{\"metadata\":{\"annotations\":{\"devplace.io/devices\":\"{\\\"type\\\":\\\"a\\\"}\"}}}"))
                .hasMessageContaining("expected a list");
        assertThatThrownBy(() -> ask("{\"metadata\":{\"annotations\":{\"devplace.io/devices\":\"[{\\\"type\\\":\\\"a\\\",\\\"attrs\\\":[{\\\"k\\\":2}]}]\"}}}"))
                .hasMessageContaining("[0].attrs[0].k: expected a string value");
        assertThatThrownBy(() -> ask("{\"metadata\":{\"annotations\":{\"devplace.io/devices\":\"not json\"}}}"))
                .hasMessageContaining("is not JSON");
        assertThatThrownBy(() -> ask("{\"metadata\":{\"annotations\":{\"devplace.io/migrate-from\":\"\"}}}"))
                .hasMessageContaining("is empty");
    }
}
