package io.devplace.model;

import io.devplace.fuzz.Hardening;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.BufferedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Huge and hostile inputs end in a message (exit 4), never in an OutOfMemoryError or StackOverflowError: the size
 * limit, the memory the input needs, YAML alias bombs and deep nesting. The limits are lowered through
 * package-private hooks so that the suite need not write hundreds of megabytes; one test does write a real 100 MB
 * fleet and shows that it is refused at once when the heap cannot hold it.
 */
class DocumentLimitsTest {
    @TempDir
    Path tmp;

    @AfterEach
    void restoreLimits() {
        Documents.maxBytes = Documents.MAX_BYTES;
        Documents.heapForInputs = 0;
    }

    /**
     * A fleet of about {@code bytes} bytes: many hosts, each with a parent and an mdev (as big fleets are). Written
     * from a template whose host number and UUID are filled in place, so that 100 MB take a second, not a minute.
     */
    static void writeFleet(Path file, long bytes) throws IOException {
        byte[] host = """
                  - name: host-0000000
                    cpus: 64
                    memoryMiB: 524288
                    labels: {rack: r1}
                    attributes: {vgpu_manager: "17.4", libvirt: "10.0.0", qemu: "8.2.2"}
                    devices:
                      - id: "0000:3b:00.0"
                        driver: nvidia
                        model: "NVIDIA A16"
                        mdevs:
                          - uuid: "00000000-0000-4000-8000-000000000000"
                            type: nvidia-713
                """.getBytes(StandardCharsets.UTF_8);
        String text = new String(host, StandardCharsets.UTF_8);
        int name = text.indexOf("host-") + 5, uuid = text.indexOf("8000-") + 5;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write("apiVersion: devplace/v1\nkind: Fleet\nhosts:\n".getBytes(StandardCharsets.UTF_8));
            long written = 0;
            for (int i = 0; written < bytes; i++) {
                for (int d = 0, v = i; d < 7; d++, v /= 10) host[name + 6 - d] = (byte) ('0' + v % 10);
                for (int d = 0, v = i; d < 12; d++, v >>>= 4) host[uuid + 11 - d] = (byte) "0123456789abcdef".charAt(v & 15);
                out.write(host);
                written += host.length;
            }
        }
    }

    /**
     * A hang guard, not a speed test (speed lives in benchmarks/): generous enough for a loaded 2-core CI machine, but a
     * reader that never returns, or crawls through an alias bomb, still fails here instead of stalling the suite.
     */
    static final Duration HANG_GUARD = Duration.ofMinutes(5);

    static Hardening.Run validate(String file) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> Hardening.devplace("validate", "-f", file));
    }

    @Test
    void aFleetOverTheSizeLimitIsRefusedWithTheLimit() throws IOException {
        Documents.maxBytes = 1 << 20;
        Path big = tmp.resolve("big.yaml");
        writeFleet(big, 2 << 20);
        Hardening.Run r = validate(big.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains(big + ": input is larger than the limit of 1 MiB");

        Path under = tmp.resolve("under.yaml");
        writeFleet(under, 200_000);
        assertThat(Files.size(under)).isLessThan(1 << 20);
        Hardening.Run ok = validate(under.toString());
        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(ok.out()).startsWith("valid: ");
    }

    @Test
    void stdinOverTheSizeLimitIsRefusedToo() throws IOException {
        Documents.maxBytes = 1 << 20;
        Path big = tmp.resolve("big.yaml");
        writeFleet(big, 2 << 20);
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(big)));
            InvalidInputException x = assertThrows(InvalidInputException.class, () -> FleetReader.read("-"));
            assertThat(x.getMessage()).isEqualTo("-: input is larger than the limit of 1 MiB");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void aFleetTooBigForTheHeapIsRefusedBeforeReading() throws IOException {
        Documents.heapForInputs = 64L << 20; // as if the JVM had -Xmx64m
        Path big = tmp.resolve("big.yaml");
        writeFleet(big, 3 << 20);
        Hardening.Run r = validate(big.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("input of 3 MiB needs about 144 MiB of memory to read, more than the 64 MiB this JVM may use:"
                + " give devplace more (e.g. DEVPLACE_JAVA_OPTS=-Xmx1g) or split the input");
        // under 1 MiB, inputs always pass the estimate
        Path small = tmp.resolve("small.yaml");
        writeFleet(small, 200_000);
        assertThat(validate(small.toString()).code()).isZero();
    }

    /**
     * A real 100 MB fleet: reading it takes about 4.6 GiB of heap and minutes, so in the suite (-Xmx2g) it must be
     * refused at once with the memory message, never end in an OutOfMemoryError. (With a heap that holds it, it
     * validates: see docs/hardening.md for the figures.)
     */
    @Test
    void aHundredMegabyteFleetIsRefusedAtOnceWhenTheHeapCannotHoldIt() throws IOException {
        Path big = tmp.resolve("fleet-100mb.yaml");
        writeFleet(big, 100_000_000);
        assertThat(Files.size(big)).isGreaterThanOrEqualTo(100_000_000);
        boolean fits = Files.size(big) * Documents.HEAP_PER_INPUT_BYTE <= Runtime.getRuntime().maxMemory();
        org.junit.jupiter.api.Assumptions.assumeFalse(fits && !Boolean.getBoolean("devplace.hugeInputs"),
                "this JVM's heap could hold a 100 MB fleet: reading it takes minutes; run with -Ddevplace.hugeInputs=true to do it");
        Hardening.Run r = assertTimeoutPreemptively(fits ? Duration.ofMinutes(15) : HANG_GUARD, () -> Hardening.devplace("validate", "-f", big.toString()));
        if (fits) {
            assertThat(r.code()).as(r.toString()).isZero();
        } else {
            assertThat(r.code()).as(r.toString()).isEqualTo(4);
            assertThat(r.err()).contains("input of 95 MiB needs about 457").contains("MiB of memory to read, more than the");
        }
    }

    // ---------------------------------------------------------------- hostile YAML and JSON

    static final String HEAD = "apiVersion: devplace/v1\nkind: Fleet\n";

    Hardening.Run validateText(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return validate(f.toString());
    }

    @Test
    void aYamlAliasBombFailsFastWithAMessage() throws IOException {
        StringBuilder b = new StringBuilder(HEAD).append("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) b.append("a").append(i).append(": &a").append(i).append(" [").append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        b.append("hosts: *a9\n");
        // refused by the expansion limit, with its message (before the limit: minutes and an OutOfMemoryError)
        Hardening.Run r = validateText("bomb.yaml", b.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("YAML aliases expand the document to more than").contains("an alias bomb?");
    }

    @Test
    void aFewAliasesAreFine() throws IOException {
        String text = HEAD + "x-parent: &gpu {id: \"0000:3b:00.0\", driver: nvidia, model: \"NVIDIA A16\"}\n";
        Hardening.Run r = validateText("aliases.yaml", text.replace("x-parent: &gpu", "hosts:\n  - name: h1\n    devices: [&gpu")
                .replace("\"NVIDIA A16\"}\n", "\"NVIDIA A16\"}]\n") + "  - name: h2\n    devices: [*gpu]\n");
        assertThat(r.code()).as(r.toString()).isZero();
    }

    @Test
    void deepNestingFailsWithAMessageNotAStackOverflow() throws IOException {
        Hardening.Run yaml = validateText("deep.yaml", HEAD + "hosts: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
        assertThat(yaml.code()).as(yaml.toString()).isEqualTo(4);
        assertThat(yaml.err()).contains("malformed YAML: Nesting Depth exceeded max 50");

        Hardening.Run json = validateText("deep.json", "{\"apiVersion\": \"devplace/v1\", \"kind\": \"Fleet\", \"hosts\": "
                + "[".repeat(10_000) + "]".repeat(10_000) + "}");
        assertThat(json.code()).as(json.toString()).isEqualTo(4);
        assertThat(json.err()).contains("malformed JSON: Document nesting depth (1001) exceeds the maximum allowed (1000");

        StringBuilder b = new StringBuilder(HEAD).append("a0: &a0 x\n");
        for (int i = 1; i < 300; i++) b.append("a").append(i).append(": &a").append(i).append(" ").append("[".repeat(40)).append("*a").append(i - 1).append("]".repeat(40)).append("\n");
        b.append("hosts: *a299\n");
        Hardening.Run alias = validateText("deep-alias.yaml", b.toString());
        assertThat(alias.code()).as(alias.toString()).isEqualTo(4);
        assertThat(alias.err()).contains("the document nests more than 200 levels deep (through YAML aliases)");
        for (Hardening.Run r : new Hardening.Run[]{yaml, json, alias}) assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
