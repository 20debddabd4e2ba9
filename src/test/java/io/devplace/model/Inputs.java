package io.devplace.model;

import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Shared fixtures and assertions for the document tests: a small valid fleet and checks on {@link InputProblem}s. */
final class Inputs {
    private Inputs() {}

    static final String UUID = "69a2d005-215b-405b-a950-387f0cdb5cec";

    /**
     * A valid fleet. Line numbers matter to the tests; for reference:
     * <pre>
     *  4  - name: h1          5  cpus: 8 (value at column 11)   8  - id: "p0"   11 - uuid: ...   12 type: mtty-2
     * 13 vms:   14 - name: v1   15 host: h1 (value at column 11)   17 - mdev: ... (value at column 15)
     * </pre>
     */
    static final String FLEET = """
            apiVersion: devplace/v1
            kind: Fleet
            hosts:
              - name: h1
                cpus: 8
                memoryMiB: 1024
                devices:
                  - id: "p0"
                    driver: mtty
                    mdevs:
                      - uuid: "69a2d005-215b-405b-a950-387f0cdb5cec"
                        type: mtty-2
            vms:
              - name: v1
                host: h1
                devices:
                  - mdev: "69a2d005-215b-405b-a950-387f0cdb5cec"
            """;

    /** The same fleet as JSON, pretty-printed (line 7 is {@code "cpus": 8,} with the value at column 15). */
    static final String FLEET_JSON = """
            {
              "apiVersion": "devplace/v1",
              "kind": "Fleet",
              "hosts": [
                {
                  "name": "h1",
                  "cpus": 8,
                  "memoryMiB": 1024,
                  "devices": [
                    {
                      "id": "p0",
                      "driver": "mtty",
                      "mdevs": [
                        {"uuid": "69a2d005-215b-405b-a950-387f0cdb5cec", "type": "mtty-2"}
                      ]
                    }
                  ]
                }
              ],
              "vms": [
                {"name": "v1", "host": "h1", "devices": [{"mdev": "69a2d005-215b-405b-a950-387f0cdb5cec"}]}
              ]
            }
            """;

    /** {@code FLEET} with the first occurrence of {@code anchor} replaced (the anchor must exist). */
    static String edit(String text, String anchor, String replacement) {
        int i = text.indexOf(anchor);
        if (i < 0) throw new IllegalArgumentException("fixture does not contain " + anchor);
        return text.substring(0, i) + replacement + text.substring(i + anchor.length());
    }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    /** Runs {@code e}, expects invalid input, and returns its problems. */
    static List<InputProblem> problems(Executable e) {
        InvalidInputException x = assertThrows(InvalidInputException.class, e);
        assertThat(x.problems()).isNotEmpty();
        assertThat(x.getMessage()).isEqualTo(String.join("\n", x.problems().stream().map(InputProblem::toString).toList()));
        return x.problems();
    }

    /** Expects exactly one problem and checks every part of it; {@code line} 0 means "no position". */
    static InputProblem single(Executable e, String file, String path, int line, int column, String... messageParts) {
        List<InputProblem> ps = problems(e);
        assertThat(ps).as("problems: %s", ps).hasSize(1);
        InputProblem p = ps.get(0);
        check(p, file, path, line, column, messageParts);
        return p;
    }

    static void check(InputProblem p, String file, String path, int line, int column, String... messageParts) {
        assertThat(p.file()).as("file of %s", p).isEqualTo(file);
        assertThat(p.path()).as("path of %s", p).isEqualTo(path);
        assertThat(p.line()).as("line of %s", p).isEqualTo(line);
        assertThat(p.column()).as("column of %s", p).isEqualTo(column);
        for (String part : messageParts) assertThat(p.message()).as("message of %s", p).contains(part);
        // the rendered form names the file, the path and the position, so a person sees them too
        String s = p.toString();
        assertThat(s).startsWith(file + ":");
        if (!path.isEmpty()) assertThat(s).contains(" " + path);
        if (line > 0) assertThat(s).contains("(line " + line + ", column " + column + ")");
        assertThat(s).endsWith(": " + p.message());
        assertThat(s).doesNotContain("::");
    }
}
