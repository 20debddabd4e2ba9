package io.devplace.server;

import io.devplace.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code devplace serve} as operators run it: a real process, a token file, a config file, SIGTERM to stop. */
class ServeCommandTest {
    @Test
    void servesUntilSigtermThenStopsCleanly(@TempDir Path dir) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "  tok-123\n");
        Path config = Files.writeString(dir.resolve("service.yaml"), TestService.exampleConfig());
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.devplace.cli.Main", "serve",
                "-f", "examples/fleet.yaml", "--listen", "127.0.0.1:0", "--token-file", token.toString(), "--config", config.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            // stderr is read by its own thread: the pipe closes when the process exits
            BlockingQueue<String> err = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8)).lines().forEach(err::add));
            reader.start();
            String line = err.poll(60, TimeUnit.SECONDS);
            // the cache warmer's INFO line may come first: it runs in the background from the fleet load on
            boolean warmFirst = line != null && line.contains("caches warm for fleet generation 1");
            if (warmFirst) line = err.poll(60, TimeUnit.SECONDS);
            assertThat(line).isNotNull();
            Matcher m = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+) \\(fleet generation 1, bearer token required\\)").matcher(line);
            assertThat(m.find()).as(line).isTrue();
            String base = "http://127.0.0.1:" + m.group(1);
            HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            assertThat(c.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(c.send(HttpRequest.newBuilder(URI.create(base + "/v1/fleet")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            HttpResponse<String> f = c.send(HttpRequest.newBuilder(URI.create(base + "/scheduler/filter")).header("Authorization", "Bearer tok-123")
                    .POST(HttpRequest.BodyPublishers.ofString(KubePods.argsByName(KubePods.pod("p", null, "\"nvidia.com/NVIDIA_A16-4Q\":\"1\""), List.of("gvt-1", "gpu-a2"))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(f.body()).contains("\"NodeNames\":[\"gpu-a2\"]");

            p.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its stderr)
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the graceful stop
            reader.join(10_000);
            List<String> rest = new java.util.ArrayList<>(err);
            // the warmer says at most once that the fleet's caches are warm (a stop may come before it is done), then
            // nothing else is said but the stop
            assertThat(rest.stream().filter(l -> l.startsWith("INFO i.d.s.CacheWarmer: caches warm for fleet generation 1: ")).count())
                    .isLessThanOrEqualTo(warmFirst ? 0 : 1);
            rest.removeIf(l -> l.startsWith("INFO i.d.s.CacheWarmer: "));
            assertThat(rest).containsExactly("devplace: stopped");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void badInputsExitWithTheContractCodes(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("token"), " \n");
        Path badConfig = Files.writeString(dir.resolve("service.yaml"), "apiVersion: devplace/v1\nkind: ServiceConfig\nresources:\n  a.b/c: {type: x, attrs: {k: v}}\nqueue: 0\ncompute: -2\n");
        assertThat(run("serve", "-f", "no-such-fleet.yaml")).startsWith("4:");
        assertThat(run("serve", "-f", "examples/fleet.yaml", "--listen", "nowhere")).startsWith("2:").contains("--listen");
        assertThat(run("serve", "-f", "examples/fleet.yaml", "--listen", "127.0.0.1:0", "--token-file", empty.toString())).startsWith("4:").contains("token file is empty");
        String cfg = run("serve", "-f", "examples/fleet.yaml", "--listen", "127.0.0.1:0", "--config", badConfig.toString());
        assertThat(cfg).startsWith("4:").contains("resources['a.b/c'].attrs").contains("queue").contains("line 4")
                .contains("compute").contains("line 6");
        assertThat(run("serve", "--help")).startsWith("0:").contains("--token-file").contains("--listen");
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        int code = cl.execute(args);
        return code + ":" + out;
    }
}
