package io.devplace.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** 8 threads x 50 requests of every kind at once, with the default queue bounds: every one answered, zero errors. */
class ConcurrencyTest {
    @Test
    void eightThreadsTimesFiftyRequestsAllSucceed() throws Exception {
        try (TestService svc = TestService.start()) {
            String newPod = KubePods.pod("p", null, "\"nvidia.com/NVIDIA_A16-4Q\":\"1\"");
            String migration = KubePods.pod("t", KubePods.migrateFrom("cad-1"), null);
            List<String> nodes = List.of("gpu-a1", "gpu-a2", "gpu-a3", "gpu-a4", "old-a5", "gpu-l1", "gpu-l2", "gvt-1", "gvt-2", "lab-1");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<String> errors = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        HttpResponse<String> r = switch ((thread + i) % 6) {
                            case 0 -> svc.post("/scheduler/filter", KubePods.argsByName(newPod, nodes));
                            case 1 -> svc.post("/scheduler/prioritize", KubePods.argsWithNodes(newPod, nodes));
                            case 2 -> svc.post("/scheduler/filter", KubePods.argsWithNodes(migration, nodes));
                            case 3 -> svc.post("/scheduler/prioritize", KubePods.argsByName(migration, nodes));
                            case 4 -> svc.post("/v1/placements", "{\"vm\":\"render-3\",\"reserve\":false}");
                            default -> svc.get(i % 2 == 0 ? "/v1/fleet" : "/readyz");
                        };
                        if (r.statusCode() != 200 || r.body().contains("\"Error\":\"devplace"))
                            errors.add(r.statusCode() + " " + r.body());
                    }
                    return errors;
                }));
            }
            List<String> errors = new ArrayList<>();
            for (Future<List<String>> f : results) errors.addAll(f.get());
            pool.shutdown();
            assertThat(errors).isEmpty();
            String metrics = svc.get("/metrics").body();
            assertThat(metrics).doesNotContain("code=\"5").doesNotContain("code=\"429\"");
        }
    }
}
