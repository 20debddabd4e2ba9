package io.devplace.fuzz;

import io.devplace.model.InvalidInputException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Fuzzing with jqwik: inputs are valid fixtures changed by a list of mutations (bytes flipped, inserted, deleted,
 * lines duplicated or dropped, scalars replaced by odd values, truncation), arbitrary bytes, arbitrary text after a
 * valid header, and soups of YAML/JSON tokens. Whatever the input, a parser may only succeed or throw
 * {@link InvalidInputException}; anything else (an NPE, a ClassCastException, a StackOverflowError, a hang) fails
 * the property and saves the input under target/fuzz-failures/ for the regression corpus.
 *
 * <p>Scale a run with {@code -Ddevplace.fuzz.repeat=N}: every try then checks N inputs (the first is the one jqwik
 * generated and can shrink, the others are further mutations of it), so N=20 tries twenty times as many inputs.
 */
public final class Fuzz {
    private Fuzz() {}

    /** How many inputs each try checks (system property devplace.fuzz.repeat, default 1). */
    public static final int REPEAT = Math.max(1, Integer.getInteger("devplace.fuzz.repeat", 1));
    /** One input may take this long before it counts as a hang. */
    public static final long TIMEOUT_SECONDS = Long.getLong("devplace.fuzz.timeoutSeconds", 20);

    private static final Map<String, AtomicLong> TRIED = new TreeMap<>();
    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(null, r, "fuzz-input", 0);
        t.setDaemon(true);
        return t;
    });

    @FunctionalInterface
    public interface Check { void run() throws Exception; }

    /** Inputs checked so far in this JVM, per target (for the figures in docs/hardening.md). */
    public static synchronized Map<String, Long> tried() {
        Map<String, Long> out = new TreeMap<>();
        TRIED.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Counts one input tried against {@code target}. */
    public static synchronized void count(String target) { TRIED.computeIfAbsent(target, k -> new AtomicLong()).incrementAndGet(); }

    /** Prints the inputs tried so far (the surefire report keeps it): the figures of docs/hardening.md come from here. */
    public static void report(String after) {
        Map<String, Long> t = tried();
        System.out.println("fuzz: after " + after + ", inputs tried in this JVM: " + t.values().stream().mapToLong(Long::longValue).sum() + " " + t);
    }

    /**
     * Runs {@code check} on {@code input} (a description for the failure message is the input itself): success and
     * {@link InvalidInputException} pass, anything else or a hang fails after saving the input.
     */
    public static void expectCleanFailureOrSuccess(String target, String ext, byte[] input, Check check) {
        count(target);
        Future<?> f = RUNNER.submit(() -> { check.run(); return null; });
        Throwable bad;
        try {
            f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InvalidInputException x) {
                if (x.problems().isEmpty() || x.getMessage() == null || x.getMessage().isBlank())
                    bad = new AssertionError("invalid input without a message", x);
                else return;
            } else bad = e.getCause();
        } catch (TimeoutException e) {
            f.cancel(true);
            bad = new AssertionError("no answer within " + TIMEOUT_SECONDS + " s (a hang?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        Path saved = save(target, ext, input);
        throw new AssertionError(target + ": " + bad + " on the input saved as " + saved + "\n" + preview(input), bad);
    }

    /** Saves a failing input where a person finds it, named by target and content hash. */
    public static Path save(String target, String ext, byte[] input) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "fuzz-failures"));
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input)).substring(0, 12);
            Path p = dir.resolve(target + "--" + hash + "." + ext);
            Files.write(p, input);
            return p;
        } catch (IOException | NoSuchAlgorithmException e) {
            return Path.of("(not saved: " + e + ")");
        }
    }

    static String preview(byte[] input) {
        String s = new String(input, StandardCharsets.UTF_8);
        return s.length() > 2000 ? s.substring(0, 2000) + "\n[... " + (s.length() - 2000) + " more characters]" : s;
    }

    // ---------------------------------------------------------------- mutations

    public enum Op { FLIP_BIT, SET_BYTE, INSERT, DELETE, TRUNCATE, DUPLICATE_LINE, DELETE_LINE, SWAP_LINES, REPLACE_VALUE, INDENT, REPEAT_SPAN, NUMBER, NUMBER_AGAIN }

    /** One change to a document: where ({@code at} and {@code len} are taken modulo the document's size) and what. */
    public record Mutation(Op op, int at, int len, int token) {
        @Override
        public String toString() {
            return op + "@" + at + "/" + len + (op == Op.INSERT || op == Op.REPLACE_VALUE ? " '" + TOKENS.get(token % TOKENS.size()) + "'"
                    : op == Op.NUMBER || op == Op.NUMBER_AGAIN ? " " + EDGE_NUMBERS.get(token % EDGE_NUMBERS.size()) : "");
        }
    }

    /** Numbers at the edges of what counts, sizes, offsets and ranges are checked against. */
    public static final List<String> EDGE_NUMBERS = List.of("0", "-1", "1", "2", "-2", "4097", "2147483647", "2147483648", "-2147483649",
            "9007199254740993", "9223372036854775807", "-9223372036854775808", "9223372036854775806", "4611686018427387904",
            "9223372036854775808", "1.5", "1e3", "007");

    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+");

    /** Odd values and syntax: numbers at and beyond the edges, YAML tags and anchors, brackets, control and wide characters. */
    public static final List<String> TOKENS = List.of(
            "-1", "0", "1.5", "8.0", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e400", ".nan", ".inf",
            "0x1F", "0o17", "017", "1_000", "+5", "null", "~", "true", "yes", "on", "''", "\"\"", "[]", "{}", "[", "{", "]", "}",
            ":", ": ", "- ", "-", ",", "&a ", "*a", "&a [x]", "<<: *a", "<<: {x: 1}", "!!binary ", "!!str ", "!!int ", "!!map ",
            "!!python/object/apply:os.system ['ls']", "? ", "|", ">", "---\n", "...\n", "%YAML 1.2\n", "\t", "\n", "\r\n", "\r",
            "\u0000", "\uFEFF", "é", "\uD83D\uDE00", "\\", "\"", "'", "#", "${", "}", "${a.b}", "${1/0}", "${n * (", "*", ">=",
            "^", "~1", "=17.4", "00000000-0000-0000-0000-000000000000", "3B0C7A6E-0C59-4F0D-9B70-8A3F1D2E4C11", "NaN", "Infinity",
            "\u2028", "x".repeat(300), "[[[[[[[[[[[[", "{\"a\": ", "\"apiVersion\": \"devplace/v1\"", "kind: Fleet",
            "hosts: ", "vms: ", "devices: ", "mdevs: ", "attrs: [{a: \"1\"}]", "placement: 47", "state: down", "mode: cold",
            "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>", "&e;", "<![CDATA[", "]]>", "<", ">", "</", "/>", "=\"",
            "<capability type='mdev_types'>", "<type id='nvidia-1'/>", "<availableInstances>-1</availableInstances>",
            "<hostdev mode='subsystem' type='mdev'>", "<address uuid='not-a-uuid'/>", "<memory unit='TiB'>99999999999</memory>",
            "\"available_instances\": ", "\"mdev_type\": ", "\"attrs\": [", "\"start\": \"auto\"");

    public static Arbitrary<Mutation> mutation() {
        return Combinators.combine(Arbitraries.of(Op.class), Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.integers().between(1, 64), Arbitraries.integers().between(0, TOKENS.size() - 1)).as(Mutation::new);
    }

    public static Arbitrary<List<Mutation>> mutations() { return mutation().list().ofMinSize(1).ofMaxSize(6); }

    public static byte[] mutate(byte[] in, List<Mutation> ms) {
        byte[] b = in;
        for (Mutation m : ms) b = apply(b, m);
        return b;
    }

    /** A further mutation of {@code in}, derived from {@code seed} (for {@link #REPEAT}). */
    public static byte[] remutate(byte[] in, long seed) {
        java.util.Random r = new java.util.Random(seed);
        byte[] b = in;
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++)
            b = apply(b, new Mutation(Op.values()[r.nextInt(Op.values().length)], r.nextInt(Integer.MAX_VALUE), 1 + r.nextInt(64), r.nextInt(TOKENS.size())));
        return b;
    }

    static byte[] apply(byte[] b, Mutation m) {
        int n = b.length;
        int at = n == 0 ? 0 : m.at() % n;
        byte[] tok = TOKENS.get(m.token() % TOKENS.size()).getBytes(StandardCharsets.UTF_8);
        switch (m.op()) {
            case FLIP_BIT -> {
                if (n == 0) return b;
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << (m.len() % 8));
                return c;
            }
            case SET_BYTE -> {
                if (n == 0) return b;
                byte[] c = b.clone();
                c[at] = (byte) (m.token() * 37 + m.len());
                return c;
            }
            case INSERT -> { return splice(b, m.at() % (n + 1), 0, tok); }
            case DELETE -> { return splice(b, at, Math.min(m.len(), n - at), new byte[0]); }
            case TRUNCATE -> { return java.util.Arrays.copyOf(b, m.at() % (n + 1)); }
            case NUMBER, NUMBER_AGAIN -> { return number(b, m); }
            case REPEAT_SPAN -> {
                int len = Math.min(m.len(), n - at);
                return splice(b, at, 0, java.util.Arrays.copyOfRange(b, at, at + len));
            }
            default -> { return lines(b, m, tok); }
        }
    }

    /** Replaces the (at mod count)-th number of the document by an edge value (counts, sizes, ranges, offsets). */
    private static byte[] number(byte[] b, Mutation m) {
        String text = new String(b, StandardCharsets.UTF_8);
        java.util.regex.Matcher x = NUMBER.matcher(text);
        List<int[]> spans = new ArrayList<>();
        while (x.find()) spans.add(new int[]{x.start(), x.end()});
        if (spans.isEmpty()) return b;
        int[] sp = spans.get(m.at() % spans.size());
        return (text.substring(0, sp[0]) + EDGE_NUMBERS.get(m.token() % EDGE_NUMBERS.size()) + text.substring(sp[1])).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] lines(byte[] b, Mutation m, byte[] tok) {
        List<String> ls = new ArrayList<>(List.of(new String(b, StandardCharsets.UTF_8).split("\n", -1)));
        int i = m.at() % ls.size();
        switch (m.op()) {
            case DUPLICATE_LINE -> ls.add(i, ls.get(i));
            case DELETE_LINE -> ls.remove(i);
            case SWAP_LINES -> {
                int j = (i + m.len()) % ls.size();
                String t = ls.get(i);
                ls.set(i, ls.get(j));
                ls.set(j, t);
            }
            case REPLACE_VALUE -> {
                String l = ls.get(i);
                int c = l.indexOf(": ");
                if (c < 0) c = l.indexOf(">");
                ls.set(i, (c < 0 ? l : l.substring(0, c + 1)) + " " + new String(tok, StandardCharsets.UTF_8));
            }
            case INDENT -> {
                String l = ls.get(i);
                ls.set(i, m.len() % 2 == 0 ? "  " + l : l.replaceFirst("^ {1,2}", ""));
            }
            default -> throw new IllegalStateException();
        }
        return String.join("\n", ls).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] c = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(insert, 0, c, at, insert.length);
        System.arraycopy(b, at + remove, c, at + insert.length, b.length - at - remove);
        return c;
    }

    // ---------------------------------------------------------------- generated documents

    public static Arbitrary<byte[]> anyBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
    }

    /** Any text (all of Unicode, control characters included) after a valid header, so parsing goes past the header. */
    public static Arbitrary<byte[]> anyTextAfter(String header) {
        return Arbitraries.strings().all().ofMaxLength(300).map(s -> (header + s).getBytes(StandardCharsets.UTF_8));
    }

    /** A soup of YAML/JSON tokens and field names after a valid header: structurally odd documents of the right kind. */
    public static Arbitrary<byte[]> tokenSoup(String header, List<String> words) {
        List<String> all = new ArrayList<>(TOKENS);
        all.addAll(words);
        all.addAll(List.of("\n  ", "\n    ", "\n  - ", "\n    - ", ": ", "- ", "[", "]", "{", "}", ", ", "\n"));
        return Arbitraries.of(all).list().ofMaxSize(40).map(l -> (header + String.join("", l)).getBytes(StandardCharsets.UTF_8));
    }
}
