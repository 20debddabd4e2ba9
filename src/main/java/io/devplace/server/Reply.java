package io.devplace.server;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a route answers: status, content type, body and extra headers. Handlers build one; the router sends it. */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/json";

    static Reply json(int status, Object value) { return new Reply(status, JSON, Json.bytes(value), Map.of()); }

    /** JSON that keeps explicit nulls (the Kubernetes extender's answers). */
    static Reply jsonWithNulls(Object value) { return new Reply(200, JSON, Json.bytesWithNulls(value), Map.of()); }

    static Reply text(int status, String contentType, String text) {
        return new Reply(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Reply empty(int status) { return new Reply(status, null, new byte[0], Map.of()); }

    Reply withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Reply(status, contentType, body, h);
    }
}
