package io.devplace.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A string with {@code ${...}} holes (docs/reference/rulepack.md). A hole holds one reference with an optional {@code :-default},
 * or an integer expression over numbers, variables and references with {@code + - * /} and parentheses.
 * Division must be exact; when it is not, evaluation throws {@link SkipBinding} so a caller iterating over variable
 * bindings can skip that binding, while a caller evaluating a fixed field reports it as an error.
 */
public final class Template {
    private final String source;
    private final List<Object> parts; // String literal or Expr

    private Template(String source, List<Object> parts) {
        this.source = source;
        this.parts = parts;
    }

    public String source() { return source; }

    /** Compiles {@code text}; a syntax error throws {@link TemplateException}. */
    public static Template compile(String text) {
        List<Object> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) throw new TemplateException("unterminated '${' in \"" + text + "\"");
                if (lit.length() > 0) { parts.add(lit.toString()); lit.setLength(0); }
                parts.add(parseHole(text.substring(i + 2, end), text));
                i = end + 1;
            } else {
                lit.append(text.charAt(i++));
            }
        }
        if (lit.length() > 0) parts.add(lit.toString());
        return new Template(text, List.copyOf(parts));
    }

    /** All references (not variables) this template reads, as dotted names, e.g. {@code self.units}. */
    public List<List<String>> references() {
        List<List<String>> out = new ArrayList<>();
        for (Object p : parts) if (p instanceof Expr e) e.collectRefs(out);
        return out;
    }

    public boolean isConstant() { return parts.stream().allMatch(p -> p instanceof String); }

    public String evaluate(Scope scope) {
        if (parts.size() == 1 && parts.get(0) instanceof String s) return s;
        StringBuilder b = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof String s) b.append(s);
            else b.append(((Expr) p).text(scope));
        }
        return b.toString();
    }

    // ------------------------------------------------------------ parsing

    private static Expr parseHole(String body, String whole) {
        if (body.isBlank()) throw new TemplateException("empty '${}' in \"" + whole + "\"");
        int d = body.indexOf(":-");
        if (d >= 0) {
            List<String> ref = new Parser(body.substring(0, d).trim(), whole).nameOnly();
            return new Ref(ref, body.substring(d + 2));
        }
        Parser p = new Parser(body, whole);
        Expr e = p.expr();
        p.skipWs();
        if (p.pos != body.length()) throw new TemplateException("unexpected '" + body.substring(p.pos) + "' in \"${" + body + "}\"");
        return e;
    }

    private static final class Parser {
        final String s;
        final String whole;
        int pos;
        int depth, ops; // bounded, so that neither parsing nor evaluation can overflow the stack

        Parser(String s, String whole) { this.s = s; this.whole = whole; }

        void skipWs() { while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++; }

        Expr expr() {
            Expr left = term();
            while (true) {
                skipWs();
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    char op = s.charAt(pos++);
                    if (++ops > 1000) throw error("more than 1000 operators");
                    left = new Bin(op, left, term());
                } else return left;
            }
        }

        Expr term() {
            Expr left = factor();
            while (true) {
                skipWs();
                if (pos < s.length() && (s.charAt(pos) == '*' || s.charAt(pos) == '/')) {
                    char op = s.charAt(pos++);
                    if (++ops > 1000) throw error("more than 1000 operators");
                    left = new Bin(op, left, factor());
                } else return left;
            }
        }

        Expr factor() {
            skipWs();
            if (pos >= s.length()) throw error("expected a number, name or '('");
            char c = s.charAt(pos);
            if ((c == '(' || c == '-') && ++depth > 100) throw error("nested more than 100 deep");
            if (c == '(') {
                pos++;
                Expr e = expr();
                skipWs();
                if (pos >= s.length() || s.charAt(pos) != ')') throw error("expected ')'");
                pos++;
                depth--;
                return new Paren(e);
            }
            if (c == '-') { pos++; Expr f = factor(); depth--; return new Bin('-', new Num(0), f); }
            if (Character.isDigit(c)) {
                int st = pos;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
                try {
                    return new Num(Long.parseLong(s.substring(st, pos)));
                } catch (NumberFormatException e) {
                    throw error("number too large");
                }
            }
            if (Character.isLetter(c) || c == '_') return new Ref(name(), null);
            throw error("unexpected '" + c + "'");
        }

        List<String> nameOnly() {
            skipWs();
            List<String> n = name();
            skipWs();
            if (pos != s.length() || n.isEmpty()) throw error("expected a reference before ':-'");
            return n;
        }

        List<String> name() {
            List<String> segs = new ArrayList<>();
            segs.add(ident());
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '.') { pos++; segs.add(ident()); }
                else if (c == '[') {
                    pos++;
                    if (pos >= s.length() || (s.charAt(pos) != '\'' && s.charAt(pos) != '"')) throw error("expected a quoted key after '['");
                    char q = s.charAt(pos++);
                    int end = s.indexOf(q, pos);
                    if (end < 0 || end + 1 >= s.length() || s.charAt(end + 1) != ']')
                        throw error("expected " + q + "] to close the key");
                    segs.add(s.substring(pos, end));
                    pos = end + 2;
                } else break;
            }
            return segs;
        }

        String ident() {
            int st = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) pos++;
            if (st == pos) throw error("expected a name");
            return s.substring(st, pos);
        }

        TemplateException error(String what) {
            return new TemplateException(what + " at position " + (pos + 1) + " of \"${" + s + "}\" in \"" + whole + "\"");
        }
    }

    // ------------------------------------------------------------ evaluation

    private interface Expr {
        /** The hole's text: a lone reference substitutes its string value; anything else is integer arithmetic. */
        default String text(Scope scope) { return Long.toString(value(scope)); }

        long value(Scope scope);

        default void collectRefs(List<List<String>> out) {}
    }

    private record Num(long n) implements Expr {
        public long value(Scope s) { return n; }
    }

    private record Paren(Expr e) implements Expr {
        public long value(Scope s) { return e.value(s); }

        public void collectRefs(List<List<String>> out) { e.collectRefs(out); }
    }

    private record Ref(List<String> name, String dflt) implements Expr {
        public String text(Scope scope) {
            String v = scope.lookup(name);
            if (v != null) return v;
            if (dflt != null) return dflt;
            throw new TemplateException("undefined reference '" + String.join(".", name) + "'");
        }

        public long value(Scope scope) {
            String v = text(scope);
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw new TemplateException("'" + String.join(".", name) + "' is \"" + v + "\", not an integer");
            }
        }

        public void collectRefs(List<List<String>> out) { out.add(name); }
    }

    private record Bin(char op, Expr l, Expr r) implements Expr {
        public long value(Scope s) {
            long a = l.value(s), b = r.value(s);
            try {
                return switch (op) {
                    case '+' -> Math.addExact(a, b);
                    case '-' -> Math.subtractExact(a, b);
                    case '*' -> Math.multiplyExact(a, b);
                    default -> {
                        if (b == 0) throw new SkipBinding("division by zero"); // skipped in a compatible binding, an error in self
                        if (a == Long.MIN_VALUE && b == -1) throw new ArithmeticException(); // the one overflowing quotient
                        if (a % b != 0) throw new SkipBinding(a + "/" + b + " is not a whole number");
                        yield a / b;
                    }
                };
            } catch (ArithmeticException e) {
                throw new TemplateException("integer overflow in " + a + " " + op + " " + b);
            }
        }

        public void collectRefs(List<List<String>> out) { l.collectRefs(out); r.collectRefs(out); }
    }
}
