package io.devplace.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Rule packs for tests. {@link #AGGREGATING_GVTG} is the example pack folder with the seed's GVT-g aggregation pack
 * (the "aggregator" attribute was never merged upstream, so the bundled intel-gvtg pack has no aggregation): tests of
 * aggregation, variables and recipes load it in place of the bundled pack (same name).
 */
public final class TestPacks {
    public static final Path AGGREGATING_GVTG = Path.of("examples/rules");

    private TestPacks() {}

    /** The bundled packs with intel-gvtg replaced by the aggregation example. */
    public static RuleBook withAggregatingGvtg() { return RuleBook.load(List.of(AGGREGATING_GVTG), true); }

    public static String aggregatingGvtgYaml() {
        try {
            return Files.readString(AGGREGATING_GVTG.resolve("20-intel-gvtg-aggregation.yaml"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
