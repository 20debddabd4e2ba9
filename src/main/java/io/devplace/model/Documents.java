package io.devplace.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads devplace documents (YAML or JSON) into records, strictly: unknown fields, duplicate keys, wrong types and
 * out-of-range numbers are errors that name the file, the path inside it and the line/column.
 *
 * <p>YAML goes through SnakeYAML's node graph rather than Jackson's YAML parser because the node graph resolves
 * anchors/aliases (and merge keys) and keeps a position for every node; Jackson then binds the resulting tree.
 */
public final class Documents {
    public static final String API_VERSION = "devplace/v1";
    /** Inputs larger than this are refused with a message instead of exhausting memory. */
    public static final long MAX_BYTES = 256L * 1024 * 1024;
    /**
     * YAML aliases may repeat a part of a document: they may add at most this many nodes, or as many as the document
     * holds itself when that is more. Beyond, the input is refused (a "billion laughs" alias bomb would otherwise
     * exhaust memory while its text stays a few hundred bytes).
     */
    public static final long MAX_ALIAS_EXPANSION = 250_000;
    /**
     * How deep a YAML document may nest once its aliases are expanded. Real documents nest under ten levels; the
     * conversion recurses once per level, and this keeps it far inside a default 1 MiB thread stack even before the
     * JIT has compiled it (at 1,000 levels, interpreted frames overflowed it).
     */
    public static final int MAX_DEPTH = 200;
    /**
     * Reading a document takes about this many bytes of heap per byte of input (measured on YAML fleets: the text,
     * SnakeYAML's nodes with their positions, the tree, the path index and the records). An input that cannot fit is
     * refused with a message before reading starts, instead of ending in an OutOfMemoryError minutes later.
     */
    public static final long HEAP_PER_INPUT_BYTE = 48;

    /** The limits in force; package-private so that tests can lower them instead of writing hundreds of megabytes. */
    static long maxBytes = MAX_BYTES;
    /** Heap the limit check assumes; 0 = what this JVM may use (-Xmx). */
    static long heapForInputs = 0;

    private static final ObjectMapper MAPPER = strictMapper();

    private Documents() {}

    public static ObjectMapper strictMapper() {
        JsonFactory f = JsonFactory.builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build();
        JsonMapper m = JsonMapper.builder(f)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES) // absent counts are 0 (docs/reference/import.md)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .build();
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Collection).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Map).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.POJO).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return m;
    }

    /** A parsed document: the bound value, its tree, and where each path sits in the file. */
    public record Parsed<T>(T value, JsonNode tree, Locations locations) {}

    /** Reads {@code file} ("-" = stdin) as a document of {@code kind}, bound to {@code type}. */
    public static <T> Parsed<T> read(String file, String kind, Class<T> type) {
        byte[] bytes = readBytes(file);
        return parse(file, bytes, kind, type);
    }

    public static <T> Parsed<T> parse(String file, byte[] bytes, String kind, Class<T> type) {
        Locations loc = new Locations(file);
        JsonNode tree = tree(file, bytes, loc);
        checkHeader(tree, kind, loc);
        return new Parsed<>(bind(tree, type, loc), tree, loc);
    }

    /** Parses bytes into a tree, recording positions; syntax errors become {@link InvalidInputException}. */
    public static JsonNode tree(String file, byte[] bytes, Locations loc) {
        checkMemory(file, bytes.length);
        String text = decode(file, bytes);
        if (looksLikeJson(file, text)) return jsonTree(file, text, loc);
        return yamlTree(file, text, loc);
    }

    public static void checkHeader(JsonNode tree, String kind, Locations loc) {
        if (!tree.isObject()) throw new InvalidInputException(loc.problem("", "expected a mapping with apiVersion and kind at the top"));
        JsonNode api = tree.get("apiVersion");
        if (api == null || !api.isTextual() || !API_VERSION.equals(api.asText()))
            throw new InvalidInputException(loc.problem("apiVersion", "expected apiVersion: " + API_VERSION
                    + (api == null ? " but it is missing" : " but got " + describe(api))));
        JsonNode k = tree.get("kind");
        if (k == null || !k.isTextual() || !kind.equals(k.asText()))
            throw new InvalidInputException(loc.problem("kind", "expected kind: " + kind
                    + (k == null ? " but it is missing" : " but got " + describe(k))));
    }

    public static <T> T bind(JsonNode tree, Class<T> type, Locations loc) {
        checkListItems(tree, "", loc);
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            String path = pathOf(e);
            throw new InvalidInputException(loc.problem(path, messageOf(e, tree, path)));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(loc.problem("", e.getOriginalMessage()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(loc.problem("", e.getMessage()));
        }
    }

    /** A list item that is empty ({@code -} alone, {@code ~}, {@code null}) is never meaningful: name it before binding does. */
    private static void checkListItems(JsonNode n, String path, Locations loc) {
        if (n.isObject()) n.fields().forEachRemaining(e -> checkListItems(e.getValue(), Locations.child(path, e.getKey()), loc));
        if (n.isArray())
            for (int i = 0; i < n.size(); i++) {
                String p = Locations.index(path, i);
                if (n.get(i).isNull()) throw new InvalidInputException(loc.problem(p, "expected a value but this list item is empty"));
                checkListItems(n.get(i), p, loc);
            }
    }

    public static byte[] readBytes(String file) {
        try {
            if ("-".equals(file)) {
                try (InputStream in = System.in) {
                    byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                    if (b.length > maxBytes) throw tooBig(file);
                    return b;
                }
            }
            Path p = Path.of(file);
            if (Files.isDirectory(p)) throw new InvalidInputException(file, "", "expected a file but this is a directory");
            if (Files.size(p) > maxBytes) throw tooBig(file);
            byte[] b = Files.readAllBytes(p);
            if (b.length > maxBytes) throw tooBig(file); // it grew while we read it
            return b;
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, "", "file not found");
        } catch (IOException e) {
            throw new InvalidInputException(file, "", "cannot read file: " + e.getMessage());
        }
    }

    private static InvalidInputException tooBig(String file) {
        return new InvalidInputException(file, "", "input is larger than the limit of " + (maxBytes >> 20) + " MiB");
    }

    /** Refuses an input too big to read in the heap this JVM has (inputs under 1 MiB always pass). */
    static void checkMemory(String file, long size) {
        long heap = heapForInputs > 0 ? heapForInputs : Runtime.getRuntime().maxMemory();
        if (size < (1 << 20) || heap == Long.MAX_VALUE) return;
        long need = size * HEAP_PER_INPUT_BYTE;
        if (need <= heap) return;
        throw new InvalidInputException(file, "", "input of " + (size >> 20) + " MiB needs about " + (need >> 20) + " MiB of memory to read, more than the "
                + (heap >> 20) + " MiB this JVM may use: give devplace more (e.g. DEVPLACE_JAVA_OPTS=-Xmx" + ((need >> 30) + 1) + "g) or split the input");
    }

    private static String decode(String file, byte[] bytes) {
        int off = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        ByteBuffer in = ByteBuffer.wrap(bytes, off, bytes.length - off);
        CharBuffer out = CharBuffer.allocate(bytes.length - off);
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult r = dec.decode(in, out, true);
        if (!r.isError()) r = dec.flush(out);
        out.flip();
        if (r.isError()) {
            // where the first bad byte is: the line and column of the text before it
            int line = 1, column = 1;
            for (int i = 0; i < out.length(); i++) {
                if (out.charAt(i) == '\n') { line++; column = 1; } else column++;
            }
            throw new InvalidInputException(new InputProblem(file, "", line, column, String.format(
                    "expected UTF-8 text but byte 0x%02X at offset %d is not valid UTF-8", bytes[in.position()] & 0xff, in.position())));
        }
        return out.toString();
    }

    private static boolean looksLikeJson(String file, String text) {
        String lower = file.toLowerCase();
        if (lower.endsWith(".json")) return true;
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) continue;
            return c == '{' || c == '[';
        }
        return false;
    }

    // ---------------------------------------------------------------- JSON

    private static JsonNode jsonTree(String file, String text, Locations loc) {
        try {
            // decimals as written, as in YAML: 17.10 stays "17.10" where a string is expected (not the double 17.1)
            JsonNode node = MAPPER.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).readTree(text);
            if (node == null || node.isMissingNode()) throw new InvalidInputException(file, "", "expected a document but the input is empty");
            loc.recordWhenNeeded(() -> {
                try {
                    recordJsonLocations(text, loc);
                } catch (IOException unexpected) {
                    // the text parsed once already; should a second pass fail, problems go without line and column
                }
            });
            checkNumbers(node, "", loc);
            return node;
        } catch (NumberFormatException e) {
            // Jackson refuses a decimal it cannot hold (an exponent beyond an int: 1e2147483648) with an unchecked
            // exception and no location; found by fuzzing (it was an internal error, exit 1)
            throw new InvalidInputException(badNumber(file, text));
        } catch (IOException e) {
            var l = e instanceof JsonProcessingException j ? j.getLocation() : null;
            String msg = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            if (msg == null) msg = e.toString();
            String path = "";
            if (msg.startsWith("Duplicate field")) {
                msg = "duplicate key " + msg.substring(msg.indexOf('\''));
                // the parser stopped on the second key: its context names where that is
                if (e instanceof StreamReadException s && s.getProcessor() != null && s.getProcessor().getParsingContext() != null)
                    path = pointerToPath(s.getProcessor().getParsingContext().pathAsPointer().toString());
            }
            if (msg.startsWith("Trailing token")) msg = "unexpected content after the end of the document";
            throw new InvalidInputException(new InputProblem(file, path, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(),
                    "malformed JSON: " + msg));
        }
    }

    /** Where the first number that cannot be read as a decimal is, found by reading the document token by token. */
    private static InputProblem badNumber(String file, String text) {
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) continue;
                try {
                    p.getDecimalValue();
                } catch (NumberFormatException bad) {
                    var l = p.currentTokenLocation();
                    return new InputProblem(file, pointerToPath(p.getParsingContext().pathAsPointer().toString()), l.getLineNr(), l.getColumnNr(),
                            "number " + p.getText() + " is out of range");
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the problem is reported below without a place
        }
        return new InputProblem(file, "", 0, 0, "a number is out of range");
    }

    private static void recordJsonLocations(String text, Locations loc) throws IOException {
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) continue;
                var ctx = t.isStructStart() ? p.getParsingContext().getParent() : p.getParsingContext();
                String path = pointerToPath(ctx == null ? "" : ctx.pathAsPointer().toString());
                var l = p.currentTokenLocation();
                loc.put(path, l.getLineNr(), l.getColumnNr());
            }
        }
    }

    private static String pointerToPath(String pointer) {
        if (pointer.isEmpty()) return "";
        StringBuilder b = new StringBuilder();
        for (String seg : pointer.substring(1).split("/", -1)) {
            seg = seg.replace("~1", "/").replace("~0", "~");
            String cur = b.toString();
            b.setLength(0);
            b.append(Locations.isDigits(seg) ? Locations.index(cur, Integer.parseInt(seg)) : Locations.child(cur, seg));
        }
        return b.toString();
    }

    private static void checkNumbers(JsonNode n, String path, Locations loc) {
        if (n.isBigInteger() && (n.bigIntegerValue().bitLength() > 63))
            throw new InvalidInputException(loc.problem(path, "number " + n.asText() + " is beyond a signed 64-bit integer"));
        if (n.isObject()) n.fields().forEachRemaining(e -> checkNumbers(e.getValue(), Locations.child(path, e.getKey()), loc));
        if (n.isArray()) for (int i = 0; i < n.size(); i++) checkNumbers(n.get(i), Locations.index(path, i), loc);
    }

    // ---------------------------------------------------------------- YAML

    private static JsonNode yamlTree(String file, String text, Locations loc) {
        LoaderOptions opts = new LoaderOptions();
        opts.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, MAX_BYTES));
        opts.setMaxAliasesForCollections(1000);
        opts.setAllowDuplicateKeys(false);
        Node root;
        try {
            root = new Yaml(new SafeConstructor(opts)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            var m = e.getProblemMark();
            throw new InvalidInputException(new InputProblem(file, "", m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                    "malformed YAML: " + e.getProblem()));
        } catch (YAMLException e) {
            throw new InvalidInputException(file, "", "malformed YAML: " + e.getMessage());
        }
        if (root == null) throw new InvalidInputException(file, "", "expected a document but the input is empty");
        long distinct = distinctNodes(root);
        return convert(root, "", loc, new Expansion(distinct + Math.max(MAX_ALIAS_EXPANSION, distinct)), 0);
    }

    /** What converting one YAML graph has cost so far: the nodes on the current path (alias cycles), and nodes made. */
    private static final class Expansion {
        final Set<Node> stack = Collections.newSetFromMap(new IdentityHashMap<>());
        final long limit;
        long nodes;

        Expansion(long limit) { this.limit = limit; }
    }

    /** The nodes of the graph, each counted once however many aliases refer to it (no recursion: aliases may nest deep). */
    private static long distinctNodes(Node root) {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Node> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (!seen.add(n)) continue;
            if (n instanceof SequenceNode s) s.getValue().forEach(todo::push);
            else if (n instanceof MappingNode m) for (NodeTuple t : m.getValue()) { todo.push(t.getKeyNode()); todo.push(t.getValueNode()); }
        }
        return seen.size();
    }

    private static JsonNode convert(Node node, String path, Locations loc, Expansion budget, int depth) {
        int line = node.getStartMark().getLine() + 1, column = node.getStartMark().getColumn() + 1;
        if (depth > MAX_DEPTH)
            throw new InvalidInputException(new InputProblem(loc.file(), "", line, column,
                    "the document nests more than " + MAX_DEPTH + " levels deep (through YAML aliases)"));
        if (++budget.nodes > budget.limit)
            throw new InvalidInputException(new InputProblem(loc.file(), "", line, column, "YAML aliases expand the document to more than "
                    + budget.limit + " nodes (an alias bomb?): write the repeated parts out or refer to them less often"));
        loc.put(path, line, column);
        Set<Node> stack = budget.stack;
        if (!stack.add(node)) throw new InvalidInputException(loc.problem(path, "recursive YAML alias"));
        try {
            if (node instanceof ScalarNode s) return scalar(s, path, loc);
            if (node instanceof SequenceNode s) {
                ArrayNode a = JsonNodeFactory.instance.arrayNode();
                for (Node item : s.getValue()) a.add(convert(item, Locations.index(path, a.size()), loc, budget, depth + 1));
                return a;
            }
            MappingNode m = (MappingNode) node;
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            Set<String> explicit = new LinkedHashSet<>();
            List<MappingNode> merges = new ArrayList<>();
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k))
                    throw new InvalidInputException(loc.problem(path, "expected a plain key but got a " + t.getKeyNode().getNodeId()));
                if (k.getTag().equals(Tag.MERGE)) {
                    Node v = t.getValueNode();
                    if (v instanceof MappingNode mv) merges.add(mv);
                    else if (v instanceof SequenceNode sv) for (Node x : sv.getValue()) if (x instanceof MappingNode mx) merges.add(mx);
                    continue;
                }
                String key = k.getValue();
                String child = Locations.child(path, key);
                if (!explicit.add(key)) {
                    loc.put(child, k.getStartMark().getLine() + 1, k.getStartMark().getColumn() + 1);
                    throw new InvalidInputException(new InputProblem(loc.file(), child, k.getStartMark().getLine() + 1,
                            k.getStartMark().getColumn() + 1, "duplicate key '" + key + "'"));
                }
                o.set(key, convert(t.getValueNode(), child, loc, budget, depth + 1));
            }
            for (MappingNode mv : merges) {
                ObjectNode merged = (ObjectNode) convert(mv, path, loc, budget, depth + 1);
                merged.fields().forEachRemaining(e -> { if (!o.has(e.getKey())) o.set(e.getKey(), e.getValue()); });
            }
            return o;
        } finally {
            stack.remove(node);
        }
    }

    private static JsonNode scalar(ScalarNode s, String path, Locations loc) {
        String v = s.getValue();
        Tag tag = s.getTag();
        var f = JsonNodeFactory.instance;
        if (tag.equals(Tag.NULL)) return f.nullNode();
        if (tag.equals(Tag.BOOL)) return f.booleanNode(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("on") || v.equalsIgnoreCase("y"));
        if (tag.equals(Tag.INT)) {
            String d = v.replace("_", "");
            try {
                BigInteger b = new BigInteger(d.startsWith("+") ? d.substring(1) : d);
                if (b.bitLength() > 63) throw new InvalidInputException(loc.problem(path, "number " + v + " is beyond a signed 64-bit integer"));
                return f.numberNode(b.longValue());
            } catch (NumberFormatException e) {
                return f.textNode(v); // hex, octal, sexagesimal: keep the text, a string field will take it as written
            }
        }
        if (tag.equals(Tag.FLOAT)) {
            try {
                return f.numberNode(new BigDecimal(v.replace("_", ""))); // keeps "17.10" as written
            } catch (NumberFormatException e) {
                return f.textNode(v);
            }
        }
        return f.textNode(v);
    }

    // ---------------------------------------------------------------- errors

    private static String pathOf(JsonMappingException e) {
        String p = "";
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) p = Locations.child(p, r.getFieldName());
            else if (r.getIndex() >= 0) p = Locations.index(p, r.getIndex());
        }
        return p;
    }

    private static String messageOf(JsonMappingException e, JsonNode tree, String path) {
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = new ArrayList<>();
            if (u.getKnownPropertyIds() != null) u.getKnownPropertyIds().forEach(x -> known.add(String.valueOf(x)));
            Collections.sort(known);
            return "unknown field '" + u.getPropertyName() + "'" + (known.isEmpty() ? "" : " (expected one of: " + String.join(", ", known) + ")");
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null && e.getCause().getMessage() != null)
            return e.getCause().getMessage();
        JsonNode at = nodeAt(tree, e);
        String expected = expectedOf(e);
        if (expected != null) return "expected " + expected + (at == null ? "" : " but got " + describe(at));
        String m = e.getOriginalMessage();
        return m == null ? "invalid value" : m.replaceAll("\\(through reference chain.*", "").trim();
    }

    private static String expectedOf(JsonMappingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        // judge by the target type alone, `java.util.LinkedHashMap<java.lang.String,java.lang.String>` is a mapping, not a string
        int a = m.indexOf('`'), b = a < 0 ? -1 : m.indexOf('`', a + 1);
        if (b > a) {
            m = m.substring(a, b + 1);
            int lt = m.indexOf('<');
            if (lt > 0) m = m.substring(0, lt) + "`";
        }
        if (m.contains("`long`") || m.contains("java.lang.Long") || m.contains("`int`") || m.contains("java.lang.Integer"))
            return "a whole number";
        if (m.contains("java.lang.String")) return "a string";
        if (m.contains("java.lang.Boolean") || m.contains("`boolean`")) return "true or false";
        if (m.contains("java.util.List") || m.contains("java.util.ArrayList")) return "a list";
        if (m.contains("java.util.Map") || m.contains("LinkedHashMap")) return "a mapping";
        if (m.contains("io.devplace")) return "a mapping";
        return null;
    }

    private static JsonNode nodeAt(JsonNode tree, JsonMappingException e) {
        JsonNode n = tree;
        for (JsonMappingException.Reference r : e.getPath()) {
            if (n == null) return null;
            n = r.getFieldName() != null ? n.get(r.getFieldName()) : n.get(r.getIndex());
        }
        return n;
    }

    public static String describe(JsonNode n) {
        if (n.isTextual()) return "the string \"" + n.asText() + "\"";
        if (n.isIntegralNumber()) return "the number " + n.asText();
        if (n.isNumber()) return "the fraction " + n.asText();
        if (n.isBoolean()) return n.asText();
        if (n.isNull()) return "null";
        if (n.isArray()) return "a list";
        return "a mapping";
    }
}
