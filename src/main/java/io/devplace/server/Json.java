package io.devplace.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.devplace.model.Documents;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The service's own JSON: a lenient reader for what kube-scheduler sends (a Pod carries hundreds of fields we ignore),
 * a strict binder for the native API (unknown fields are mistakes worth a 422), and a compact writer.
 */
final class Json {
    static final ObjectMapper READ = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    static final ObjectMapper STRICT = Documents.strictMapper();
    static final ObjectMapper WRITE = JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL).build();
    /** Keeps nulls: the extender's answers carry explicit {@code null}s, as Go's encoder writes nil slices and maps. */
    static final ObjectMapper WRITE_NULLS = JsonMapper.builder().build();

    private Json() {}

    /** Parses a request body; anything that is not one well-formed JSON value is a 400 naming line and column. */
    static JsonNode parse(byte[] body) {
        if (body.length == 0) throw HttpError.badRequest("malformed JSON: the request body is empty");
        try {
            JsonNode n = READ.readTree(body);
            if (n == null || n.isMissingNode()) throw HttpError.badRequest("malformed JSON: the request body is empty");
            return n;
        } catch (JsonProcessingException e) {
            var l = e.getLocation();
            throw HttpError.badRequest("malformed JSON" + (l == null ? "" : " at line " + l.getLineNr() + ", column " + l.getColumnNr())
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw HttpError.badRequest("malformed JSON: " + e.getMessage());
        }
    }

    /** Binds a parsed body to a request record strictly; a field that is unknown or of the wrong type is a 422 naming it. */
    static <T> T bind(JsonNode tree, Class<T> type) {
        // a body of just `null` binds to no object at all: every request body here is an object (found by fuzzing)
        if (tree == null || tree.isNull() || tree.isMissingNode()) throw HttpError.invalid("expected a JSON object but got null");
        try {
            return STRICT.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : e.getPath()) {
                if (r.getFieldName() != null) path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
                else if (r.getIndex() >= 0) path.append('[').append(r.getIndex()).append(']');
            }
            throw HttpError.invalid((path.length() == 0 ? "" : path + ": ") + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw HttpError.invalid(e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw HttpError.invalid(e.getMessage());
        }
    }

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
