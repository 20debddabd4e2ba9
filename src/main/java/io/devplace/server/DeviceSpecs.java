package io.devplace.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.devplace.fit.DeviceRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads device requests written as {@code {type, attrs}}, where {@code attrs} has the fleet's form: an ordered list of
 * one-key maps with string values ({@code [{aggregator: "2"}]}). Used by the pod annotation, the service config and the
 * placement API alike, so all three accept exactly the same thing. Errors name where they are.
 */
final class DeviceSpecs {
    /** Input that is well-formed JSON but not a device request: the offending path, and what was expected there. */
    static final class Invalid extends RuntimeException {
        private final String path;
        private final String detail;

        /** Not about one path (a pod's annotation or resources as a whole): the message alone. */
        Invalid(String message) {
            super(message, null, false, false);
            this.path = "";
            this.detail = message;
        }

        Invalid(String path, String detail) {
            super(path + ": " + detail, null, false, false);
            this.path = path;
            this.detail = detail;
        }

        String path() { return path; }

        String detail() { return detail; }
    }

    private DeviceSpecs() {}

    static List<DeviceRequest> list(JsonNode n, String where) {
        if (n == null || n.isNull()) return List.of();
        if (!n.isArray()) throw new Invalid(where, "expected a list of {type, attrs} but got " + kind(n));
        List<DeviceRequest> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) out.add(one(n.get(i), where + "[" + i + "]"));
        return out;
    }

    static DeviceRequest one(JsonNode n, String where) {
        if (n == null || !n.isObject()) throw new Invalid(where, "expected {type, attrs} but got " + kind(n));
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("type") && !f.equals("attrs")) throw new Invalid(where, "unknown field '" + f + "' (expected type, attrs)");
        }
        JsonNode t = n.get("type");
        if (t == null || !t.isTextual() || t.asText().isBlank()) throw new Invalid(where + ".type", "expected an mdev type id such as nvidia-713");
        return new DeviceRequest(t.asText(), attrs(n.get("attrs"), where + ".attrs"));
    }

    static List<Map<String, String>> attrs(JsonNode n, String where) {
        if (n == null || n.isNull()) return List.of();
        if (!n.isArray()) throw new Invalid(where, "expected a list of one-key maps such as [{aggregator: \"2\"}] but got " + kind(n));
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode a = n.get(i);
            if (!a.isObject() || a.size() != 1)
                throw new Invalid(where + "[" + i + "]", "expected a map with exactly one key but got " + kind(a));
            var e = a.fields().next();
            if (!e.getValue().isTextual())
                throw new Invalid(where + "[" + i + "]." + e.getKey(), "expected a string value (attrs are written as text) but got " + kind(e.getValue()));
            Map<String, String> m = new LinkedHashMap<>();
            m.put(e.getKey(), e.getValue().asText());
            out.add(m);
        }
        return out;
    }

    static String kind(JsonNode n) {
        if (n == null || n.isNull()) return "null";
        if (n.isObject()) return "a map";
        if (n.isArray()) return "a list";
        if (n.isTextual()) return "the string \"" + n.asText() + "\"";
        return n.getNodeType().toString().toLowerCase() + " " + n;
    }
}
