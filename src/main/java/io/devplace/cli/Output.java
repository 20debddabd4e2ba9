package io.devplace.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/** Writing results: JSON/YAML mappers with a stable field order, and atomic {@code --out} (temp file + rename). */
public final class Output {
    public static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();
    public static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            // plans, reports and imports are read by scripts too, many with YAML 1.1 parsers (PyYAML)
            .stringQuotingChecker(new QuoteYaml11Scalars())
            .build()).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** What every command that prints a result offers with {@code -o}. */
    public static final java.util.List<String> RESULT_FORMATS = java.util.List.of("table", "json", "yaml");

    private Output() {}

    /** A usage error (exit 2) naming the formats when {@code format} is not one of them. */
    static void checkFormat(picocli.CommandLine.Model.CommandSpec spec, String format, java.util.List<String> formats) {
        if (!formats.contains(format))
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-o must be one of " + String.join(", ", formats)
                    + " but got '" + format + "'");
    }

    /** {@code o} as a json or yaml document. */
    public static String document(Object o, String format) { return format.equals("yaml") ? yaml(o) : json(o); }

    public static String json(Object o) {
        try {
            return JSON.writer(new DefaultPrettyPrinter()).writeValueAsString(o) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String yaml(Object o) {
        try {
            return YAML.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} to {@code out} atomically, or to stdout when {@code out} is null. */
    public static void emit(String text, Path out, PrintWriter stdout) {
        if (out == null) {
            stdout.print(text);
            stdout.flush();
            return;
        }
        writeAtomically(out, text);
    }

    /**
     * Temp files are created owner-only; the result should look like any file the user writes: the old file's
     * permissions when replacing one, else rw-r--r-- (before the umask a shell would apply, which we cannot read).
     */
    private static void keepPermissions(Path target, Path tmp) {
        try {
            var perms = Files.exists(target) ? Files.getPosixFilePermissions(target)
                    : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(tmp, perms);
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the default is fine
        }
    }

    public static void writeAtomically(Path out, String text) {
        Path abs = out.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            keepPermissions(abs, tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                if (tmp != null) Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: the original file is untouched either way
            }
            throw new CommandFailure(ExitCodes.INVALID_INPUT, "cannot write " + out + ": " + e.getMessage());
        }
    }

    /**
     * Quotes every plain scalar a YAML 1.1 reader would not take for a string, beyond what the default checker
     * catches: hex, octal and binary numbers ({@code assign_domain: 0x00ab} would become 171 in PyYAML),
     * sexagesimal numbers (PCI id {@code 0000:00:02.0} would become 120.0), dotted numbers (CCW id {@code 0.0.0023}),
     * infinities, NaN and dates; and the empty string, which bare reads back as null.
     */
    static final class QuoteYaml11Scalars extends StringQuotingChecker.Default {
        private static final Pattern NOT_A_STRING = Pattern.compile(String.join("|",
                "[-+]?0b[01_]+",
                "[-+]?[0-9][0-9_]*([eE][-+]?[0-9]+)?", // 1_000 (a 1.1 int), 1e3 (a 1.2 float)
                "[-+]?0x[0-9a-fA-F_]+",
                "[-+]?0o?[0-7_]+",
                "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?",
                "[-+]?([0-9][0-9_]*)?\\.[0-9._]*([eE][-+]?[0-9]+)?", // the 1.1 spec lets the fraction hold dots
                "[-+]?\\.(inf|Inf|INF)",
                "\\.(nan|NaN|NAN)",
                "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?"));

        @Override
        public boolean needToQuoteValue(String value) {
            // an empty value written bare reads back as null
            return value.isEmpty() || super.needToQuoteValue(value) || NOT_A_STRING.matcher(value).matches();
        }

        @Override
        public boolean needToQuoteName(String name) {
            return super.needToQuoteName(name) || NOT_A_STRING.matcher(name).matches();
        }
    }
}
