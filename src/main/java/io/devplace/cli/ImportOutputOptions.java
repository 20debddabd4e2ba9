package io.devplace.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.devplace.importers.Imported;
import io.devplace.model.Fleet;
import io.devplace.model.FleetReader;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

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

    /** Empty fields are left out, but never a map's entries: an attribute whose value is "" is a fact. */
    private static final JsonInclude.Value INCLUSION = JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.ALWAYS);
    private static final ObjectMapper JSON = Output.JSON.copy().setDefaultPropertyInclusion(INCLUSION);
    private static final ObjectMapper YAML = new ObjectMapper(((YAMLFactory) Output.YAML.getFactory()).rebuild()
            .disable(YAMLGenerator.Feature.SPLIT_LINES).build())
            .setDefaultPropertyInclusion(INCLUSION);

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
}
