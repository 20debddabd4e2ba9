package io.devplace.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The golden files' failure message: only the changed lines, with their context and line numbers. */
class LineDiffTest {
    @Test
    void equalTextsHaveNoDiff() {
        assertThat(LineDiff.unified("f", "a\nb\n", "a\nb\n")).isEmpty();
    }

    @Test
    void aChangedLineShowsAsRemovedThenAddedWithItsContext() {
        String expected = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
        String actual = "1\n2\n3\n4\n5\nsix\n7\n8\n9\n10\n";
        assertThat(LineDiff.unified("f", expected, actual)).isEqualTo("""
                --- f (expected)
                +++ f (actual)
                @@ -3 +3 @@
                 3
                 4
                 5
                -6
                +six
                 7
                 8
                 9
                """);
    }

    @Test
    void farApartChangesAreSeparateHunksAndAMissingFinalNewlineIsSaid() {
        StringBuilder a = new StringBuilder(), b = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            a.append(i).append('\n');
            b.append(i == 2 ? "two" : i == 18 ? "eighteen" : String.valueOf(i)).append('\n');
        }
        String diff = LineDiff.unified("f", a.toString(), b.toString().stripTrailing());
        assertThat(diff).contains("@@ -1 +1 @@\n 1\n-2\n+two\n 3\n", "@@ -15 +15 @@\n 15\n 16\n 17\n-18\n+eighteen\n 19\n 20\n")
                .doesNotContain(" 10\n")
                .endsWith("(final newline: expected true, actual false)\n");
    }
}
