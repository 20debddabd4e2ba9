package io.devplace.cli;

import io.devplace.fuzz.Hardening;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Replays every input that once made devplace fail (src/test/resources/fuzz-regressions, see its README) through the
 * command line, as a user would run it: each must end with a normal exit code (0, 3, 4, or 5 for verify) within a
 * bounded time, with a message and never a stack trace or an internal error.
 */
class FuzzRegressionTest {
    static final Path CORPUS = Path.of("src/test/resources/fuzz-regressions");

    @TempDir
    Path tmp;

    static Stream<String> corpus() throws IOException {
        try (Stream<Path> s = Files.list(CORPUS)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> !n.equals("README.md")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("corpus")
    void replays(String name) throws IOException {
        String file = CORPUS.resolve(name).toString();
        String kind = name.substring(0, name.indexOf("--"));
        List<String[]> runs = new ArrayList<>();
        Set<Integer> allowed = Set.of(0, 3, 4);
        switch (kind) {
            case "fleet" -> {
                runs.add(new String[]{"validate", "-f", file});
                runs.add(new String[]{"plan", "evacuate", "-f", file, "--seed", "1", "--time-limit", "10s", "-o", "json"});
            }
            case "policy" -> runs.add(new String[]{"plan", "evacuate", "src", "-f", Hardening.SMALL_FLEET, "--policy", file, "--seed", "1",
                    "--time-limit", "10s", "-o", "json"});
            case "plan" -> {
                runs.add(new String[]{"verify", "-f", Hardening.SMALL_FLEET, file});
                allowed = Set.of(0, 4, 5);
            }
            case "rulepack" -> {
                Path dir = Files.createDirectories(tmp.resolve("rules"));
                Files.copy(Path.of(file), dir.resolve("pack.yaml"));
                runs.add(new String[]{"validate", "-f", Hardening.SMALL_FLEET, "--rules", dir.toString()});
                runs.add(new String[]{"explain", "-f", Hardening.SMALL_FLEET, "--rules", dir.toString(), "--vm", "gpu-vm"});
            }
            case "mdevctl-types" -> runs.add(new String[]{"import", "mdevctl", "--host", "h", "--types", file});
            case "mdevctl-list" -> runs.add(new String[]{"import", "mdevctl", "--host", "h", "--types",
                    "src/test/resources/importers/mdevctl/types.json", "--list", file});
            case "libvirt" -> runs.add(new String[]{"import", "libvirt", "--host", "h", file});
            case "sysfs" -> runs.add(new String[]{"import", "sysfs", "--host", "h", "--root", materialize(Path.of(file), tmp.resolve("root")).toString()});
            default -> throw new IllegalArgumentException("unknown corpus kind '" + kind + "' in " + name + " (see the corpus README)");
        }
        // a name ending in --exitN (before the extension) pins the first run's exit code: for inputs once wrongly accepted
        java.util.regex.Matcher pinned = java.util.regex.Pattern.compile("--exit(\\d)\\.[a-z]+$").matcher(name);
        Integer expected = pinned.find() ? Integer.valueOf(pinned.group(1)) : null;
        for (String[] args : runs) {
            Hardening.Run r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Hardening.devplace(args), () -> String.join(" ", args));
            // a fleet with nothing draining or down, planned without naming a host: the usage error says so
            if (kind.equals("fleet") && args != runs.get(0) && r.code() == 2 && r.err().contains("nothing to evacuate")) continue;
            assertThat(r.code()).as("%s\n%s", String.join(" ", args), r).isIn(allowed);
            if (expected != null && args == runs.get(0)) assertThat(r.code()).as("%s\n%s", String.join(" ", args), r).isEqualTo(expected);
            assertNoCrash(r);
            if (r.code() == 4) break; // invalid input: what follows would read the same input again
        }
    }

    /** What a person sees on stderr is a message: no Java exception names, no stack frames, no internal error. */
    static void assertNoCrash(Hardening.Run r) {
        assertThat(r.err()).as(r.toString()).doesNotContain("internal error").doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("at io.devplace.").doesNotContain("Error:");
    }

    /**
     * Builds a sysfs tree from its description: one entry a line, {@code path/} a directory, {@code path -> target}
     * a symbolic link, {@code path = text} a file ({@code \n} stands for a newline); {@code #} starts a comment.
     */
    static Path materialize(Path description, Path root) throws IOException {
        Files.createDirectories(root);
        for (String line : Files.readAllLines(description, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            if (line.contains(" -> ")) {
                String[] p = line.split(" -> ", 2);
                Path link = root.resolve(p[0]);
                Files.createDirectories(link.getParent());
                Files.createSymbolicLink(link, Path.of(p[1]));
            } else if (line.contains(" = ")) {
                String[] p = line.split(" = ", 2);
                Path f = root.resolve(p[0]);
                Files.createDirectories(f.getParent());
                Files.writeString(f, p[1].replace("\\n", "\n"), StandardCharsets.UTF_8);
            } else {
                Files.createDirectories(root.resolve(line.endsWith("/") ? line.substring(0, line.length() - 1) : line));
            }
        }
        return root;
    }
}
