package io.devplace.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.devplace.fit.DeviceRequest;
import io.devplace.model.Documents;
import io.devplace.model.Durations;
import io.devplace.model.InputProblem;
import io.devplace.model.InvalidInputException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service configuration ({@code serve --config FILE}, {@code kind: ServiceConfig}): which Kubernetes extended
 * resources stand for which mdev types, how long placements stay reserved, and the bounds of the request and solver
 * queues. Read as strictly as every other document (unknown fields are errors naming path, line and column).
 *
 * <pre>
 * apiVersion: devplace/v1
 * kind: ServiceConfig
 * resources:                                   # extended resource name -> mdev type, or {type, attrs}
 *   nvidia.com/NVIDIA_A16-4Q: nvidia-749
 *   intel.com/gvt-quarter: {type: i915-GVTg_V5_4}
 * reservationTtl: 30s                          # placements hold their devices this long (assume cache)
 * workers: 32                                  # HTTP worker threads: read requests, write replies (default 32)
 * queue: 64                                    # requests waiting for a worker; beyond that: 429 + Retry-After
 * compute: 4                                   # requests judged at once, once read (default: 2 x cores, at least 2)
 * planWorkers: 1                               # evacuation plans solved at once
 * planQueue: 8                                 # plans waiting; beyond that POST /v1/plans gets 429
 * keepPlans: 100                               # finished plan jobs kept for GET
 * </pre>
 */
public record ServiceConfig(String apiVersion, String kind, Map<String, JsonNode> resources, String reservationTtl, Long workers,
                            Long queue, Long compute, Long planWorkers, Long planQueue, Long keepPlans) {
    public static final String KIND = "ServiceConfig";

    public ServiceConfig {
        resources = resources == null ? Map.of() : new LinkedHashMap<>(resources);
    }

    public static ServiceConfig defaults() {
        return new ServiceConfig(Documents.API_VERSION, KIND, Map.of(), null, null, null, null, null, null, null);
    }

    /** Reads and checks a config file (exit 4 through the CLI on any problem). */
    public static ServiceConfig read(String file) {
        Documents.Parsed<ServiceConfig> d = Documents.read(file, KIND, ServiceConfig.class);
        d.value().check(d.locations()::problem);
        return d.value();
    }

    /** Parses a config from bytes (tests, and the file reader above). */
    public static ServiceConfig parse(String name, byte[] bytes) {
        Documents.Parsed<ServiceConfig> d = Documents.parse(name, bytes, KIND, ServiceConfig.class);
        d.value().check(d.locations()::problem);
        return d.value();
    }

    interface Where {
        InputProblem problem(String path, String message);
    }

    void check(Where where) {
        List<InputProblem> out = new ArrayList<>();
        for (var e : resources.entrySet()) {
            String path = "resources['" + e.getKey() + "']";
            try {
                resource(e.getValue(), path);
            } catch (DeviceSpecs.Invalid x) {
                out.add(where.problem(path, x.getMessage()));
            }
        }
        if (reservationTtl != null) {
            try {
                Durations.parse(reservationTtl);
            } catch (IllegalArgumentException x) {
                out.add(where.problem("reservationTtl", x.getMessage()));
            }
        }
        positive(out, where, "workers", workers);
        positive(out, where, "queue", queue);
        positive(out, where, "compute", compute);
        positive(out, where, "planWorkers", planWorkers);
        positive(out, where, "planQueue", planQueue);
        positive(out, where, "keepPlans", keepPlans);
        if (!out.isEmpty()) throw new InvalidInputException(out);
    }

    private static void positive(List<InputProblem> out, Where where, String field, Long v) {
        if (v != null && (v < 1 || v > 100_000)) out.add(where.problem(field, "expected a number from 1 to 100000 but got " + v));
    }

    private static DeviceRequest resource(JsonNode n, String path) {
        if (n != null && n.isTextual() && !n.asText().isBlank()) return new DeviceRequest(n.asText(), List.of());
        return DeviceSpecs.one(n, path);
    }

    /** Extended resource name → the device one unit of it stands for. */
    Map<String, DeviceRequest> resourceTypes() {
        Map<String, DeviceRequest> out = new LinkedHashMap<>();
        for (var e : resources.entrySet()) out.put(e.getKey(), resource(e.getValue(), "resources['" + e.getKey() + "']"));
        return out;
    }

    Duration reservationTtlOrDefault() { return reservationTtl == null ? Duration.ofSeconds(30) : Durations.parse(reservationTtl); }

    /**
     * HTTP worker threads. Each exchange holds one from its first header byte to its last reply byte, so a slow client
     * holds one for as long as it is slow (up to the 30 s request limit); they are many and cheap (they mostly wait on
     * sockets), and the CPU-bound part is bounded separately by {@link #computeOrDefault()}.
     */
    int workersOrDefault() { return workers == null ? 32 : workers.intValue(); }

    /** Requests judged at the same time once their bodies are read: about the cores, so that they do not fight over them. */
    int computeOrDefault() { return compute == null ? Math.max(2, 2 * Runtime.getRuntime().availableProcessors()) : compute.intValue(); }

    int queueOrDefault() { return queue == null ? 64 : queue.intValue(); }

    int planWorkersOrDefault() { return planWorkers == null ? 1 : planWorkers.intValue(); }

    int planQueueOrDefault() { return planQueue == null ? 8 : planQueue.intValue(); }

    int keepPlansOrDefault() { return keepPlans == null ? 100 : keepPlans.intValue(); }

    /** A copy with other queue bounds (tests make them tiny). */
    public ServiceConfig withQueues(long workers, long queue) {
        return new ServiceConfig(apiVersion, kind, resources, reservationTtl, workers, queue, compute, planWorkers, planQueue, keepPlans);
    }
}
