package io.devplace.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import io.devplace.importers.Imported;
import io.devplace.model.Fleet;
import io.devplace.model.FleetReader;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * How an import prints its Fleet: YAML (default) or JSON, to stdout or atomically to {@code --out}. Unknown facts
 * (null) and empty lists are left out so that the document says only what the source said.
 */
public final class ImportOutputOptions {
    enum Format { yaml, json }

    @Option(names = {"-o", "--output"}, paramLabel = "FMT", defaultValue = "yaml", description = "yaml (default) or json.")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE atomically instead of stdout.")
    Path out;

    private static final ObjectMapper JSON = Output.JSON.copy().setSerializationInclusion(JsonInclude.Include.NON_EMPTY);
    private static final ObjectMapper YAML = new ObjectMapper(((YAMLFactory) Output.YAML.getFactory()).rebuild()
            .stringQuotingChecker(new QuoteYaml11Scalars()).disable(YAMLGenerator.Feature.SPLIT_LINES).build())
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);

    /** Prints the warnings to stderr and the Fleet to stdout or {@code --out}, after checking that it reads back. */
    void print(Imported imported, CommandLine cmd) {
        PrintWriter err = cmd.getErr();
        for (String w : imported.warnings()) err.println("devplace: warning: " + w);
        err.flush();
        String text = render(imported.fleet(), format);
        // What we print must be a Fleet devplace reads; checking here turns a surprise later into a message now.
        FleetReader.parse("<import output>", text.getBytes(StandardCharsets.UTF_8));
        Output.emit(text, out, cmd.getOut());
    }

    static String render(Fleet fleet, Format format) {
        try {
            return format == Format.json ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(fleet) + "\n" : YAML.writeValueAsString(fleet);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Quotes every plain scalar a YAML 1.1 reader would not take for a string, beyond what the default checker
     * catches: hex, octal and binary numbers ({@code assign_domain: 0x00ab} would become 171 in PyYAML),
     * sexagesimal numbers (PCI id {@code 0000:00:02.0} would become 120.0), dotted numbers (CCW id {@code 0.0.0023}),
     * infinities, NaN and dates.
     */
    private static final class QuoteYaml11Scalars extends StringQuotingChecker.Default {
        private static final Pattern NOT_A_STRING = Pattern.compile(String.join("|",
                "[-+]?0b[01_]+",
                "[-+]?0x[0-9a-fA-F_]+",
                "[-+]?0o?[0-7_]+",
                "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?",
                "[-+]?([0-9][0-9_]*)?\\.[0-9._]*([eE][-+]?[0-9]+)?", // the 1.1 spec lets the fraction hold dots
                "[-+]?\\.(inf|Inf|INF)",
                "\\.(nan|NaN|NAN)",
                "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?"));

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || NOT_A_STRING.matcher(value).matches();
        }

        @Override
        public boolean needToQuoteName(String name) {
            return super.needToQuoteName(name) || NOT_A_STRING.matcher(name).matches();
        }
    }
}
