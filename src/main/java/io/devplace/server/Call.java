package io.devplace.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** One request as a handler sees it: path parameters, headers, and the body read under the size limit. */
final class Call {
    private final HttpExchange exchange;
    private final Map<String, String> params;
    private final long maxBody;
    private byte[] body;

    Call(HttpExchange exchange, Map<String, String> params, long maxBody) {
        this.exchange = exchange;
        this.params = params;
        this.maxBody = maxBody;
    }

    String param(String name) { return params.get(name); }

    String header(String name) { return exchange.getRequestHeaders().getFirst(name); }

    /**
     * The body, at most {@code maxBody} bytes: a larger declared Content-Length is refused before reading anything, and
     * a body without one (chunked) is refused as soon as it grows past the limit.
     */
    byte[] body() {
        if (body != null) return body;
        String cl = header("Content-Length");
        long declared = -1;
        if (cl != null) {
            try {
                declared = Long.parseLong(cl.trim());
            } catch (NumberFormatException e) {
                throw HttpError.badRequest("Content-Length is not a number: " + cl);
            }
            if (declared > maxBody) throw tooLarge();
        }
        try (InputStream in = exchange.getRequestBody()) {
            // a declared length is read into one array of that size; otherwise in chunks, up to one byte past the limit
            byte[] b = declared >= 0 ? in.readNBytes((int) declared) : in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
            if (b.length > maxBody) throw tooLarge();
            return body = b;
        } catch (IOException e) {
            throw HttpError.badRequest("cannot read the request body: " + e.getMessage());
        }
    }

    JsonNode json() { return Json.parse(body()); }

    private HttpError tooLarge() {
        return new HttpError(413, "request body is larger than the limit of " + maxBody + " bytes", java.util.List.of(),
                Map.of("Connection", "close"));
    }
}
