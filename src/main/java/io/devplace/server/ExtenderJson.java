package io.devplace.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the extender's two answers (kube-scheduler's {@code ExtenderFilterResult} and {@code HostPriorityList})
 * straight from the verdicts, token by token. They are the service's hot path and its largest answers: over 2,000
 * hosts a filter answer is some 200 KB of {@code "host": "CODE: detail"}. Building maps for Jackson to walk, then
 * copying its output buffers, was a fifth of the service's CPU time and most of its garbage; here the reason strings
 * come pre-encoded ({@link Placer.Judged#message()}) and the output buffer is reused per worker thread.
 */
final class ExtenderJson {
    /** Output buffers grown past this are not kept for the next answer (a rare, huge fleet should not pin memory). */
    private static final int KEEP_BUFFER = 4 << 20;

    private static final ThreadLocal<Buffer> BUFFER = ThreadLocal.withInitial(() -> new Buffer(64 << 10));

    private ExtenderJson() {}

    /** A byte buffer whose array can be reused: reset before each answer. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer(int size) { super(size); }

        int capacity() { return buf.length; }
    }

    /**
     * ExtenderFilterResult for {@code judged} (one per host asked, in order). {@code nodeList}/{@code items} are set
     * when the nodes came as a NodeList (nodeCacheCapable false): the answer then carries the passing NodeList items.
     */
    static byte[] filter(List<Placer.Judged> judged, boolean cacheMode, JsonNode nodeList, Map<String, JsonNode> items) {
        return write(g -> {
            g.writeStartObject();
            if (cacheMode) {
                g.writeNullField("Nodes");
                g.writeArrayFieldStart("NodeNames");
                for (Placer.Judged j : judged) if (j.fits()) g.writeString(j.host());
                g.writeEndArray();
            } else {
                g.writeFieldName("Nodes");
                g.writeStartObject();
                // the NodeList's own fields (apiVersion, kind, metadata) are written back as they came
                if (nodeList != null && nodeList.isObject())
                    for (var f : (Iterable<Map.Entry<String, JsonNode>>) nodeList::fields)
                        if (!f.getKey().equals("items")) { g.writeFieldName(f.getKey()); g.writeTree(f.getValue()); }
                g.writeArrayFieldStart("items");
                for (Placer.Judged j : judged) if (j.fits()) g.writeTree(items.get(j.host()));
                g.writeEndArray();
                g.writeEndObject();
                g.writeNullField("NodeNames");
            }
            failed(g, "FailedNodes", judged, false);
            failed(g, "FailedAndUnresolvableNodes", judged, true);
            g.writeStringField("Error", "");
            g.writeEndObject();
        });
    }

    private static void failed(JsonGenerator g, String field, List<Placer.Judged> judged, boolean unresolvable) throws IOException {
        g.writeObjectFieldStart(field);
        Set<String> seen = null; // a host asked twice is answered once, as a map would
        for (Placer.Judged j : judged) {
            if (j.fits() || j.unresolvable() != unresolvable) continue;
            if (judged.size() > 1) {
                if (seen == null) seen = new HashSet<>();
                if (!seen.add(j.host())) continue;
            }
            g.writeFieldName(j.host());
            g.writeString(j.message());
        }
        g.writeEndObject();
    }

    /** HostPriorityList: {@code [{"Host": name, "Score": n}]} for every host asked, in order. */
    static byte[] prioritize(List<String> hosts, int[] scores) {
        return write(g -> {
            g.writeStartArray();
            for (int i = 0; i < hosts.size(); i++) {
                g.writeStartObject();
                g.writeStringField("Host", hosts.get(i));
                g.writeNumberField("Score", scores[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Body body) {
        Buffer b = BUFFER.get();
        b.reset();
        try (JsonGenerator g = Json.WRITE_NULLS.createGenerator(b)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] out = b.toByteArray();
        if (b.capacity() > KEEP_BUFFER) BUFFER.remove();
        return out;
    }
}
