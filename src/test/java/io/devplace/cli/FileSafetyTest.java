package io.devplace.cli;

import io.devplace.fuzz.Hardening;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Nothing lost (docs/reference/commands.md): {@code --out} is written atomically by every command that has it, so a failing run leaves
 * an existing file byte for byte as it was and no temporary file behind; a document read while another process is
 * still writing it fails cleanly (exit 4) or, when what was written so far is a whole document, reads as that.
 */
class FileSafetyTest {
    @TempDir
    Path tmp;

    static final byte[] PRECIOUS = "precious: the result of yesterday's run\n".getBytes(StandardCharsets.UTF_8);
    static final String IMPORTERS = "src/test/resources/importers/";

    Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    /** Every command with --out, each with an input that makes it fail (exit 4) after parsing its options. */
    static Stream<Arguments> failingRuns() {
        return Stream.of(
                arguments("plan evacuate", List.of("plan", "evacuate", "src", "-f", "BAD_FLEET", "--seed", "1")),
                arguments("plan evacuate (bad policy)", List.of("plan", "evacuate", "src", "-f", Hardening.SMALL_FLEET, "--policy", "BAD_POLICY")),
                arguments("import mdevctl", List.of("import", "mdevctl", "--host", "h", "--types", "BAD_JSON")),
                arguments("import libvirt", List.of("import", "libvirt", "--host", "h", "BAD_XML")),
                arguments("import sysfs", List.of("import", "sysfs", "--host", "h", "--root", "NO_SUCH_DIR")),
                arguments("import merge", List.of("import", "merge", IMPORTERS + "merge/conflict.yaml", IMPORTERS + "merge/hand.yaml",
                        IMPORTERS + "libvirt/vm-gpu-1.xml")));
    }

    List<String> substitute(List<String> args) throws IOException {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            out.add(switch (a) {
                case "BAD_FLEET" -> write("bad-fleet.yaml", "apiVersion: devplace/v1\nkind: Fleet\nhosts: [{name: h1, cpus: -1}]\n").toString();
                case "BAD_POLICY" -> write("bad-policy.yaml", "apiVersion: devplace/v1\nkind: Policy\nmaxParallel: 0\n").toString();
                case "BAD_JSON" -> write("types.json", "[{\"0000:3d:00.0\": [{\"nvidia-713\": {\"available_instances\": -1}}]}]").toString();
                case "BAD_XML" -> write("dev.xml", "<device><name>pci_0000_3d_00_0</name><capability type='pci'>").toString();
                case "NO_SUCH_DIR" -> tmp.resolve("no-such-root").toString();
                default -> a;
            });
        }
        return out;
    }

    Set<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new HashSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failingRuns")
    void aFailingRunLeavesAnExistingOutFileAsItWasAndNoTempFiles(String what, List<String> args) throws IOException {
        Path outDir = Files.createDirectories(tmp.resolve("out"));
        Path out = outDir.resolve("result.yaml");
        Files.write(out, PRECIOUS);
        Set<String> before = listing(outDir);
        List<String> a = substitute(args);
        a.addAll(List.of("--out", out.toString()));
        Hardening.Run r = Hardening.devplace(a.toArray(String[]::new));
        assertThat(r.code()).as(r.toString()).isEqualTo(4);
        FuzzRegressionTest.assertNoCrash(r);
        assertThat(Files.readAllBytes(out)).as("--out after a failed %s", what).isEqualTo(PRECIOUS);
        assertThat(listing(outDir)).as("files next to --out").isEqualTo(before);
    }

    @Test
    void anOutFileThatCannotBeWrittenFailsCleanlyAndLeavesNoTempFile() throws IOException {
        // the target is a directory with something in it: writing the temp file works, the rename cannot
        Path outDir = Files.createDirectories(tmp.resolve("out"));
        Path occupied = Files.createDirectories(outDir.resolve("result.json"));
        Files.write(occupied.resolve("keep"), PRECIOUS);
        Set<String> before = listing(outDir);
        Hardening.Run r = Hardening.devplace("import", "mdevctl", "--host", "h", "--types", IMPORTERS + "mdevctl/types.json", "-o", "json",
                "--out", occupied.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).startsWith("devplace: cannot write " + occupied + ": ");
        FuzzRegressionTest.assertNoCrash(r);
        assertThat(listing(outDir)).isEqualTo(before);
        assertThat(Files.readAllBytes(occupied.resolve("keep"))).isEqualTo(PRECIOUS);

        // a directory that does not exist: nothing is created
        Path missing = tmp.resolve("no/such/dir/result.json");
        Hardening.Run m = Hardening.devplace("import", "mdevctl", "--host", "h", "--types", IMPORTERS + "mdevctl/types.json", "--out", missing.toString());
        assertThat(m.code()).as(m.toString()).isEqualTo(4);
        assertThat(m.err()).startsWith("devplace: cannot write " + missing + ": ");
        assertThat(tmp.resolve("no")).doesNotExist();
    }

    @Test
    void aSuccessfulRunReplacesTheOutFileWholeAndLeavesNoTempFile() throws IOException {
        Path outDir = Files.createDirectories(tmp.resolve("out"));
        Path out = outDir.resolve("h.yaml");
        Files.write(out, PRECIOUS);
        Hardening.Run r = Hardening.devplace("import", "mdevctl", "--host", "h", "--types", IMPORTERS + "mdevctl/types.json", "--out", out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(listing(outDir)).containsExactly("h.yaml");
        String text = Files.readString(out);
        assertThat(text).startsWith("apiVersion: devplace/v1\nkind: Fleet\n");
        assertThat(Hardening.devplace("validate", "-f", out.toString()).code()).isZero();
    }

    // ---------------------------------------------------------------- reading what is being written

    /** The small fleet cut at every 197th byte, as a reader would see it while a writer is still at that point. */
    @Test
    void aTruncatedJsonFleetAlwaysFailsCleanly() throws IOException {
        byte[] json = io.devplace.fuzz.Schemas.tree(Hardening.SMALL_FLEET, Hardening.bytes(Hardening.SMALL_FLEET)).toPrettyString()
                .getBytes(StandardCharsets.UTF_8);
        int cuts = 0;
        for (int n = 0; n < json.length - 2; n += 197) {
            Path f = tmp.resolve("fleet-" + n + ".json");
            Files.write(f, java.util.Arrays.copyOf(json, n));
            Hardening.Run r = Hardening.devplace("validate", "-f", f.toString());
            assertThat(r.code()).as("cut at byte %d\n%s", n, r).isEqualTo(4);
            assertThat(r.err()).as(r.toString()).contains(f + ": ").containsAnyOf("malformed JSON", "expected a document but the input is empty");
            FuzzRegressionTest.assertNoCrash(r);
            cuts++;
        }
        assertThat(cuts).isGreaterThan(15);
    }

    /**
     * YAML has no end marker: a document cut at a line boundary can be a whole, shorter document. A cut YAML fleet
     * either fails cleanly or reads as exactly what was written so far; which is why devplace writes --out atomically
     * and why a fleet written by other tools should be too (temp file + rename).
     */
    @Test
    void aTruncatedYamlFleetFailsCleanlyOrReadsAsItsPrefix() throws IOException {
        byte[] yaml = Hardening.bytes(Hardening.SMALL_FLEET);
        int invalid = 0, valid = 0;
        for (int n = 0; n < yaml.length; n += 151) {
            Path f = tmp.resolve("fleet-" + n + ".yaml");
            Files.write(f, java.util.Arrays.copyOf(yaml, n));
            Hardening.Run r = Hardening.devplace("validate", "-f", f.toString(), "-o", "json");
            assertThat(r.code()).as("cut at byte %d\n%s", n, r).isIn(0, 4);
            FuzzRegressionTest.assertNoCrash(r);
            if (r.code() == 0) valid++;
            else invalid++;
        }
        assertThat(invalid).isGreaterThan(valid);
    }

    /** A writer appends a fleet in chunks while devplace reads it again and again: every read is a whole answer. */
    @Test
    void readingAFileWhileAnotherProcessWritesItIsCleanEveryTime() throws Exception {
        byte[] json = io.devplace.fuzz.Schemas.tree(Hardening.SMALL_FLEET, Hardening.bytes(Hardening.SMALL_FLEET)).toPrettyString()
                .getBytes(StandardCharsets.UTF_8);
        Path f = tmp.resolve("growing.json");
        AtomicBoolean done = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            try {
                for (int round = 0; round < 20 && !done.get(); round++) {
                    try (OutputStream out = Files.newOutputStream(f, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
                        for (int i = 0; i < json.length; i += 211) {
                            out.write(json, i, Math.min(211, json.length - i));
                            out.flush();
                            Thread.sleep(1);
                        }
                    }
                }
            } catch (IOException | InterruptedException e) {
                throw new RuntimeException(e);
            } finally {
                done.set(true);
            }
        });
        Files.write(f, new byte[0]);
        writer.start();
        int reads = 0, whole = 0;
        while (!done.get() || reads < 10) {
            Hardening.Run r = Hardening.devplace("validate", "-f", f.toString());
            assertThat(r.code()).as(r.toString()).isIn(0, 4);
            FuzzRegressionTest.assertNoCrash(r);
            if (r.code() == 0) whole++;
            reads++;
            if (reads > 400) break;
        }
        done.set(true);
        writer.join();
        assertThat(reads).isGreaterThanOrEqualTo(10);
        // at the end the file is whole and reads as such
        assertThat(Hardening.devplace("validate", "-f", f.toString()).code()).isZero();
        assertThat(whole).isGreaterThanOrEqualTo(0);
    }
}
