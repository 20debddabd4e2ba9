package io.devplace.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.google.gson.JsonParser;
import io.devplace.cli.Main;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * examples/k8s against the Kubernetes API itself: every document is read into the official Java client's models
 * ({@code io.kubernetes:client-java-api}, generated from the API's OpenAPI spec), whose strict reading refuses unknown
 * fields, wrong types and missing required fields at any depth. Then what the schema cannot see: the shards Job is
 * Indexed with N completions and its {@code --shard} says N; mounts name volumes that exist; the claim is the PVC's;
 * the merge Job lists exactly the parts the shards write; and every container's arguments parse as a devplace
 * command line (with the completion index put in, as Kubernetes does).
 */
class K8sManifestsTest {
    static final Path DIR = Path.of("examples", "k8s");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    /** Every YAML document of every file, as JSON text, with the file it came from. */
    record Doc(Path file, String kind, String json) {}

    static List<Doc> docs() throws IOException {
        List<Doc> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (YAMLParser p = new YAMLFactory().createParser(f.toFile())) {
                    for (JsonNode n : YAML.readValues(p, JsonNode.class).readAll())
                        if (!n.isNull()) out.add(new Doc(f, n.path("kind").asText(), JSON.writeValueAsString(n)));
                }
            }
        }
        return out;
    }

    @Test
    void everyDocumentIsAValidKubernetesObject() throws IOException {
        List<Doc> docs = docs();
        assertThat(docs).extracting(Doc::kind).containsExactlyInAnyOrder("Job", "Job", "PersistentVolumeClaim");
        for (Doc d : docs) {
            switch (d.kind()) {
                case "Job" -> V1Job.validateJsonElement(JsonParser.parseString(d.json()));
                case "PersistentVolumeClaim" -> V1PersistentVolumeClaim.validateJsonElement(JsonParser.parseString(d.json()));
                default -> throw new AssertionError(d.file() + ": no check for kind " + d.kind());
            }
        }
    }

    @Test
    void theModelsCheckIsStrictEnoughToCatchAMisspelledField() throws IOException {
        Doc shards = job("devplace-whatif-shards");
        ObjectNode n = (ObjectNode) JSON.readTree(shards.json());
        ((ObjectNode) n.get("spec")).put("completionMod", "Indexed");
        assertThatThrownBy(() -> V1Job.validateJsonElement(JsonParser.parseString(n.toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("completionMod");
        ObjectNode deep = (ObjectNode) JSON.readTree(shards.json());
        ((ObjectNode) deep.at("/spec/template/spec/containers/0")).put("arg", "x");
        assertThatThrownBy(() -> V1Job.validateJsonElement(JsonParser.parseString(deep.toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("arg");
    }

    @Test
    void theShardsJobRunsOneShardPerIndexAndTheMergeJobReadsExactlyTheirParts() throws IOException {
        V1Job shards = V1Job.fromJson(job("devplace-whatif-shards").json());
        V1Job merge = V1Job.fromJson(job("devplace-whatif-merge").json());
        V1PersistentVolumeClaim pvc = V1PersistentVolumeClaim.fromJson(docs().stream().filter(d -> d.kind().equals("PersistentVolumeClaim"))
                .findFirst().orElseThrow().json());
        assertThat(pvc.getSpec().getAccessModes()).containsExactly("ReadWriteMany");

        assertThat(shards.getSpec().getCompletionMode()).isEqualTo("Indexed");
        int n = shards.getSpec().getCompletions();
        assertThat(shards.getSpec().getParallelism()).isBetween(1, n);
        assertThat(shards.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        V1Container c = shards.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getArgs()).containsSubsequence("--shard", "$(JOB_COMPLETION_INDEX)/" + n);
        checkMounts(shards, pvc);
        checkMounts(merge, pvc);

        Set<String> written = new HashSet<>();
        for (int i = 0; i < n; i++) {
            List<String> args = expand(c.getArgs(), i);
            parsesAsDevplace(args);
            written.add(args.get(args.indexOf("--out") + 1));
        }
        assertThat(written).hasSize(n);
        for (V1Container m : merge.getSpec().getTemplate().getSpec().getContainers()) {
            parsesAsDevplace(m.getArgs());
            assertThat(m.getArgs().subList(0, 2)).containsExactly("whatif", "merge");
            List<String> parts = m.getArgs().stream().filter(a -> a.endsWith(".json") && !a.equals(m.getArgs().get(m.getArgs().indexOf("--out") + 1))).toList();
            assertThat(new HashSet<>(parts)).as(m.getName() + " reads exactly the parts the shards write").isEqualTo(written);
        }
    }

    /** Kubernetes expands $(VAR) in args from the container's environment; the Job controller sets JOB_COMPLETION_INDEX. */
    static List<String> expand(List<String> args, int index) {
        return args.stream().map(a -> a.replace("$(JOB_COMPLETION_INDEX)", Integer.toString(index))).toList();
    }

    static void parsesAsDevplace(List<String> args) {
        assertThat(String.join(" ", args)).doesNotContain("$(");
        CommandLine.ParseResult r = Main.commandLine().parseArgs(args.toArray(String[]::new));
        assertThat(r.hasSubcommand()).isTrue();
    }

    /** Every mount names a volume of the pod; the parts volume is the PVC. */
    static void checkMounts(V1Job job, V1PersistentVolumeClaim pvc) {
        var spec = job.getSpec().getTemplate().getSpec();
        Set<String> volumes = new HashSet<>();
        for (V1Volume v : spec.getVolumes()) {
            volumes.add(v.getName());
            if (v.getPersistentVolumeClaim() != null)
                assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo(pvc.getMetadata().getName());
        }
        for (V1Container c : spec.getContainers())
            for (V1VolumeMount m : c.getVolumeMounts()) assertThat(volumes).as(job.getMetadata().getName() + " " + c.getName()).contains(m.getName());
    }

    static Doc job(String name) throws IOException {
        for (Doc d : docs())
            if (d.kind().equals("Job") && JSON.readTree(d.json()).at("/metadata/name").asText().equals(name)) return d;
        throw new AssertionError("no Job " + name + " in " + DIR);
    }
}
