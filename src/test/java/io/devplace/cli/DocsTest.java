package io.devplace.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The user docs stand alone: links resolve inside the repository, no development history, the command reference is current. */
class DocsTest {
    static List<Path> docs() throws IOException {
        List<Path> out = new ArrayList<>(List.of(Path.of("README.md"), Path.of("SECURITY.md")));
        try (Stream<Path> s = Files.walk(Path.of("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).forEach(out::add);
        }
        return out;
    }

    @Test
    void noLinkLeavesTheRepositoryAndEveryLinkResolves() throws IOException {
        Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
        for (Path doc : docs()) {
            Matcher m = link.matcher(Files.readString(doc));
            while (m.find()) {
                String target = m.group(1);
                if (target.startsWith("http://") || target.startsWith("https://")) continue;
                Path resolved = doc.toAbsolutePath().getParent().resolve(target).normalize();
                assertThat(resolved).as(doc + " links " + target).exists();
                assertThat(resolved.startsWith(Path.of("").toAbsolutePath())).as(doc + " links outside the repository: " + target).isTrue();
            }
        }
    }

    @Test
    void noDevelopmentHistoryOrContractSectionNumbers() throws IOException {
        List<Path> files = new ArrayList<>(docs());
        try (Stream<Path> s = Files.list(Path.of("schemas"))) {
            s.forEach(files::add);
        }
        for (Path f : files) {
            String text = Files.readString(f);
            assertThat(text).as(f.toString()).doesNotContain("SPEC §").doesNotContain("../shared").doesNotContainPattern("(?i)issue #\\d")
                    .doesNotContainPattern("\\b[Ss]ession \\d").doesNotContain("this branch");
        }
    }

    /** Each command's help in docs/reference/commands.md is what the command prints. */
    @Test
    void theCommandReferenceShowsTheLiveHelp() throws IOException {
        String ref = Files.readString(Path.of("docs/reference/commands.md"));
        Matcher m = Pattern.compile("## `devplace ([a-z ]+)`\\n\\n[^\\n]*\\n\\n```\\n(.*?)\\n```", Pattern.DOTALL).matcher(ref);
        int seen = 0;
        while (m.find()) {
            List<String> args = new ArrayList<>(List.of(m.group(1).split(" ")));
            args.add("--help");
            assertThat(m.group(2)).as("help of " + m.group(1)).isEqualTo(Cli.run(args.toArray(String[]::new)).out().stripTrailing());
            seen++;
        }
        assertThat(seen).isGreaterThanOrEqualTo(13);
    }
}
