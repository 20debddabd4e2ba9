package io.devplace.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.devplace.model.Documents;
import io.devplace.model.InputProblem;
import io.devplace.model.InvalidInputException;
import io.devplace.model.Locations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The service's own JSON: a lenient reader for what kube-scheduler sends (a Pod carries hundreds of fields we ignore),
 * a strict binder for the native API (unknown fields are mistakes worth a 422), and a compact writer.
 */
final class Json {
    static final ObjectMapper READ = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    static final ObjectMapper WRITE = JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL).build();
    /** Keeps nulls: the extender's answers carry explicit {@code null}s, as Go's encoder writes nil slices and maps. */
    static final ObjectMapper WRITE_NULLS = JsonMapper.builder().build();

    private Json() {}

    /** Parses a request body; anything that is not one well-formed JSON value is a 400 naming line and column. */
    static JsonNode parse(byte[] body) {
        if (body.length == 0) throw HttpError.malformed("the request body is empty", 0, 0);
        try {
            JsonNode n = READ.readTree(body);
            if (n == null || n.isMissingNode()) throw HttpError.malformed("the request body is empty", 0, 0);
            return n;
        } catch (JsonProcessingException e) {
            var l = e.getLocation();
            throw HttpError.malformed(plain(e.getOriginalMessage()), l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr());
        } catch (IOException e) {
            throw HttpError.malformed(plain(e.getMessage()), 0, 0);
        }
    }

    /**
     * Binds a parsed body to a request record strictly, as documents are bound: a field that is unknown (the message
     * lists the known ones) or of the wrong type (what was expected and what came) is a 422 naming its path inside
     * the body, {@code under} the given path ("" for the whole body).
     */
    static <T> T bind(JsonNode tree, Class<T> type, String under) {
        // a body of just `null` binds to no object at all: every request body here is an object (found by fuzzing)
        if (tree == null || tree.isNull() || tree.isMissingNode() || !tree.isObject())
            throw HttpError.invalid(under, "expected a JSON object" + (tree == null || tree.isMissingNode() ? "" : " but got " + Documents.describe(tree)));
        try {
            return Documents.bind(tree, type, new Locations(HttpError.BODY));
        } catch (InvalidInputException e) {
            List<InputProblem> out = new ArrayList<>();
            for (InputProblem p : e.problems())
                out.add(new InputProblem(HttpError.BODY, under(under, p.path()), 0, 0, plain(p.message())));
            throw HttpError.invalid(out);
        }
    }

    static <T> T bind(JsonNode tree, Class<T> type) { return bind(tree, type, ""); }

    /** {@code path} inside the value found at {@code under}. */
    static String under(String under, String path) {
        if (under.isEmpty()) return path;
        if (path == null || path.isEmpty()) return under;
        return path.startsWith("[") ? under + path : under + "." + path;
    }

    /**
     * A parser's or binder's message in words for operators: Jackson names its own settings and the Java types it
     * bound to ({@code `java.lang.Long`}, {@code StreamReadConstraints.getMaxNestingDepth()}); those are left out.
     */
    static String plain(String message) {
        if (message == null || message.isBlank()) return "invalid value";
        var range = OUT_OF_RANGE.matcher(message);
        if (range.find())
            return "expected a whole number from " + ("int".equals(range.group(2)) ? Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
                    : Long.MIN_VALUE + " to " + Long.MAX_VALUE) + " but got " + range.group(1);
        String m = message.replaceAll("\\s*\\(through reference chain.*", "")
                .replaceAll(",\\s*from `[^`]*`", "")
                .replaceAll("\\s*\\((?:start marker|for \\w+ starting) at \\[Source:.*?\\]\\)", "");
        for (var t : TOKENS.entrySet()) m = m.replace(t.getKey(), t.getValue());
        if (JAVA_NAME.matcher(m).find()) {
            String cut = m.replaceAll("`[^`]*`", "the value").replaceAll("\\b(?:java|javax|jdk|com\\.fasterxml|io\\.devplace)\\.[\\w.$]+", "the value");
            m = JAVA_NAME.matcher(cut).find() ? "invalid value" : cut;
        }
        return m.trim();
    }

    /** Jackson's token names, as people say them. */
    private static final Map<String, String> TOKENS = Map.of("VALUE_STRING", "a string", "VALUE_NUMBER_INT", "a number",
            "VALUE_NUMBER_FLOAT", "a number", "FIELD_NAME", "a field name", "START_OBJECT", "'{'", "END_OBJECT", "'}'",
            "START_ARRAY", "'['", "END_ARRAY", "']'", "VALUE_NULL", "null");
    private static final Pattern OUT_OF_RANGE = Pattern.compile("Numeric value \\(([^)]*)\\) out of range of (long|int)");
    private static final Pattern JAVA_NAME = Pattern.compile("`[\\w.$<>, ]*\\.[\\w.$<>, ]*`|\\b(?:java|javax|jdk|com\\.fasterxml|io\\.devplace)\\.\\w");

    static byte[] bytes(Object o) {
        try {
            return WRITE.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytesWithNulls(Object o) {
        try {
            return WRITE_NULLS.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
