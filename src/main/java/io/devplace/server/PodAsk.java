package io.devplace.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.devplace.fit.DeviceRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a pod asks devplace for, read from the core/v1 Pod that kube-scheduler sends:
 * <ul>
 * <li>{@code metadata.annotations["devplace.io/migrate-from"]: VM} — a migration target pod (KubeVirt): judged by that
 * VM's compatibility rules; its resources are ignored (they repeat what the VM already holds).</li>
 * <li>{@code metadata.annotations["devplace.io/devices"]}: a JSON list of {@code {type, attrs}} — when present it is
 * the complete device list (more precise than resources: it can carry attrs).</li>
 * <li>otherwise extended resources in {@code resources.limits}/{@code requests} that the service config maps to types;
 * Kubernetes' effective request: the sum over containers, or the largest init container if that is more.</li>
 * </ul>
 * Any field may be missing or null (Go encodes nil as null).
 */
record PodAsk(String name, String migrateFrom, List<DeviceRequest> devices) {
    static final String MIGRATE_FROM = "devplace.io/migrate-from";
    static final String DEVICES = "devplace.io/devices";

    /** Cap on devices one pod may ask for: keeps a typo ("100000") from turning into a combinatorial search. */
    static final int MAX_DEVICES = 16;

    static PodAsk of(JsonNode pod, Map<String, DeviceRequest> resourceTypes) {
        JsonNode meta = pod == null ? null : pod.get("metadata");
        String name = text(meta, "namespace") == null ? text(meta, "name") : text(meta, "namespace") + "/" + text(meta, "name");
        JsonNode ann = meta == null ? null : meta.get("annotations");
        String from = text(ann, MIGRATE_FROM);
        if (from != null) {
            from = from.trim();
            if (from.isEmpty()) throw new DeviceSpecs.Invalid("annotation " + MIGRATE_FROM + " is empty; expected a VM name");
            return new PodAsk(name, from, List.of());
        }
        String devices = text(ann, DEVICES);
        if (devices != null) {
            JsonNode list;
            try {
                list = Json.READ.readTree(devices);
            } catch (Exception e) {
                throw new DeviceSpecs.Invalid("annotation " + DEVICES + " is not JSON: " + Json.plain(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
            }
            List<DeviceRequest> out = DeviceSpecs.list(list, "annotation " + DEVICES);
            if (out.size() > MAX_DEVICES) throw new DeviceSpecs.Invalid("annotation " + DEVICES + " asks for " + out.size() + " devices; at most " + MAX_DEVICES);
            return new PodAsk(name, null, out);
        }
        return new PodAsk(name, null, fromResources(pod == null ? null : pod.get("spec"), resourceTypes));
    }

    private static List<DeviceRequest> fromResources(JsonNode spec, Map<String, DeviceRequest> resourceTypes) {
        if (spec == null || resourceTypes.isEmpty()) return List.of();
        List<DeviceRequest> out = new ArrayList<>();
        for (var e : resourceTypes.entrySet()) {
            long sum = 0, init = 0;
            for (JsonNode c : iterable(spec.get("containers"))) sum += quantity(c, e.getKey());
            for (JsonNode c : iterable(spec.get("initContainers"))) init = Math.max(init, quantity(c, e.getKey()));
            long n = Math.max(sum, init);
            if (n > MAX_DEVICES) throw new DeviceSpecs.Invalid("the pod asks for " + n + " of " + e.getKey() + "; at most " + MAX_DEVICES + " devices");
            for (long i = 0; i < n; i++) out.add(e.getValue());
        }
        if (out.size() > MAX_DEVICES) throw new DeviceSpecs.Invalid("the pod asks for " + out.size() + " devices; at most " + MAX_DEVICES);
        return out;
    }

    /** A container's count of {@code resource}: the larger of limit and request (extended resources cannot overcommit). */
    private static long quantity(JsonNode container, String resource) {
        JsonNode res = container == null ? null : container.get("resources");
        if (res == null || res.isNull()) return 0;
        return Math.max(count(res.get("limits"), resource), count(res.get("requests"), resource));
    }

    private static long count(JsonNode map, String resource) {
        JsonNode q = map == null ? null : map.get(resource);
        if (q == null || q.isNull()) return 0;
        String s = q.isNumber() ? q.asText() : q.isTextual() ? q.asText().trim() : null;
        if (s != null && s.matches("\\d{1,9}")) return Long.parseLong(s);
        throw new DeviceSpecs.Invalid("extended resource " + resource + " has quantity " + q + "; expected a whole number");
    }

    private static Iterable<JsonNode> iterable(JsonNode n) { return n == null || !n.isArray() ? List.of() : n; }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || !v.isTextual() ? null : v.asText();
    }
}
