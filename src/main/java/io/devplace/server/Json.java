package io.devplace.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
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
 * The service's own JSON: a reader for request bodies that ignores fields nobody binds (a Pod from kube-scheduler
 * carries hundreds) but refuses duplicate keys, a strict binder for the native API (unknown fields and values of the
 * wrong type are mistakes worth a 422), and a compact writer.
 */
final class Json {
    static final ObjectMapper READ = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    /**
     * Request bodies: as {@link #READ}, and a key given twice in one object is an error rather than the last one
     * silently winning. Encoders such as Go's (kube-scheduler's) never write one, so only hand-made bodies meet it.
     */
    private static final ObjectMapper BODY = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /**
     * Documents' binder, and besides: no number or true/false where text is expected, no "" where a number or
     * true/false is. Documents take {@code version: 17.10} as text because YAML writes it unquoted; a JSON request
     * body quotes its strings, so a number there is a mistake.
     */
    private static final ObjectMapper NO_COERCION = noCoercion();
    static final ObjectMapper WRITE = JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL).build();
    /** Keeps nulls: the extender's answers carry explicit {@code null}s, as Go's encoder writes nil slices and maps. */
    static final ObjectMapper WRITE_NULLS = JsonMapper.builder().build();

    private Json() {}

    private static ObjectMapper noCoercion() {
        ObjectMapper m = Documents.strictMapper();
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return m;
    }

    /**
     * Parses a request body; anything that is not one well-formed JSON value is a 400 naming line and column. A key
     * given twice in one object is a 422 naming the path of the second one.
     */
    static JsonNode parse(byte[] body) {
        if (body.length == 0) throw HttpError.malformed("the request body is empty", 0, 0);
        try {
            JsonNode n = BODY.readTree(body);
            if (n == null || n.isMissingNode()) throw HttpError.malformed("the request body is empty", 0, 0);
            return n;
        } catch (StreamReadException e) {
            if (e.getOriginalMessage() == null || !e.getOriginalMessage().startsWith("Duplicate field") || e.getProcessor() == null)
                throw malformed(e);
            // a body that is malformed further on stays a 400: read it all once more, keys given twice allowed
            try {
                READ.readTree(body);
            } catch (JsonProcessingException further) {
                throw malformed(further);
            } catch (IOException | RuntimeException further) {
                // reported as the key given twice, below
            }
            // the parser stopped on the second key: its context names where that is
            var l = e.getLocation();
            String m = e.getOriginalMessage();
            throw HttpError.invalid(List.of(new InputProblem(HttpError.BODY, pathOf(e.getProcessor().getParsingContext()),
                    l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(), "duplicate key " + m.substring(m.indexOf('\'')))));
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw HttpError.malformed(plain(e.getMessage()), 0, 0);
        }
    }

    private static HttpError malformed(JsonProcessingException e) {
        var l = e.getLocation();
        return HttpError.malformed(plain(e.getOriginalMessage()), l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr());
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
        T value;
        try {
            value = Documents.bind(tree, type, new Locations(HttpError.BODY));
        } catch (InvalidInputException e) {
            List<InputProblem> out = new ArrayList<>();
            for (InputProblem p : e.problems())
                out.add(new InputProblem(HttpError.BODY, under(under, p.path()), 0, 0, plain(p.message())));
            throw HttpError.invalid(out);
        }
        refuseCoercions(tree, type, under);
        return value;
    }

    /**
     * Binds once more without the conversions documents allow (the first binding named every other problem in the
     * documents' words): a number, true or false where a string is expected, or "" where a number or true/false is,
     * is a 422 naming the path and what was expected.
     */
    private static void refuseCoercions(JsonNode tree, Class<?> type, String under) {
        try {
            NO_COERCION.treeToValue(tree, type);
        } catch (MismatchedInputException e) {
            String path = "";
            JsonNode at = tree;
            for (JsonMappingException.Reference r : e.getPath()) {
                if (r.getFieldName() != null) path = Locations.child(path, r.getFieldName());
                else if (r.getIndex() >= 0) path = Locations.index(path, r.getIndex());
                at = at == null ? null : r.getFieldName() != null ? at.get(r.getFieldName()) : at.get(r.getIndex());
            }
            String got = at == null ? "" : " but got " + Documents.describe(at);
            throw HttpError.invalid(under(under, path), expected(e.getTargetType()) + got);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw HttpError.invalid(under, plain(e.getMessage()));
        }
    }

    private static String expected(Class<?> target) {
        if (target == String.class) return "expected a string";
        if (target == Long.class || target == Integer.class || target == long.class || target == int.class) return "expected a whole number";
        if (target == Boolean.class || target == boolean.class) return "expected true or false";
        return "expected a value of another type";
    }

    static <T> T bind(JsonNode tree, Class<T> type) { return bind(tree, type, ""); }

    /** The path ({@code policy.weights.x}, {@code hosts[2]}) of where a parser stands. */
    private static String pathOf(JsonStreamContext ctx) {
        List<JsonStreamContext> chain = new ArrayList<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) chain.add(0, c);
        String p = "";
        for (JsonStreamContext c : chain) {
            if (c.inArray()) p = Locations.index(p, Math.max(0, c.getCurrentIndex()));
            else if (c.getCurrentName() != null) p = Locations.child(p, c.getCurrentName());
        }
        return p;
    }

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
