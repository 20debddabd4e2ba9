package io.devplace.server;

import io.devplace.model.InputProblem;

import java.util.List;
import java.util.Map;

/**
 * A request the service refuses: the status to answer, a message for people ({@code error}) and, for input it cannot
 * use, every problem, each naming where it is (the document or {@value #BODY}, the path inside it, line and column
 * when known) and what was expected.
 */
final class HttpError extends RuntimeException {
    /** How problems name the request body (the "file" of an {@link InputProblem}). */
    static final String BODY = "request body";

    private final int status;
    private final List<InputProblem> problems;
    private final Map<String, String> headers;

    HttpError(int status, String message) { this(status, message, List.of(), Map.of()); }

    HttpError(int status, String message, List<InputProblem> problems, Map<String, String> headers) {
        super(message, null, false, false); // an expected answer, not a bug: no stack trace to fill
        this.status = status;
        this.problems = List.copyOf(problems);
        this.headers = Map.copyOf(headers);
    }

    int status() { return status; }

    List<InputProblem> problems() { return problems; }

    Map<String, String> headers() { return headers; }

    /** 400 about the request rather than its body (a header), or about nothing more specific than the message. */
    static HttpError badRequest(String message) { return new HttpError(400, message); }

    /** 400, a body of the wrong shape for what the route reads ({@code path} inside it, {@code message} what was expected). */
    static HttpError badRequest(String path, String message) {
        return new HttpError(400, where(path) + message, List.of(new InputProblem(BODY, path, 0, 0, message)), Map.of());
    }

    /** 400, a body that is not one well-formed JSON value; {@code line} 0 when unknown. */
    static HttpError malformed(String detail, int line, int column) {
        String at = line > 0 ? " at line " + line + ", column " + column : "";
        return new HttpError(400, "malformed JSON" + at + ": " + detail,
                List.of(new InputProblem(BODY, "", line, column, "malformed JSON: " + detail)), Map.of());
    }

    /**
     * 422, a well-formed body that cannot be used: {@code path} inside the body ({@code evacuate[0]},
     * {@code policy.spread}; empty for the whole body), {@code message} what was expected there.
     */
    static HttpError invalid(String path, String message) {
        return invalid(List.of(new InputProblem(BODY, path, 0, 0, message)));
    }

    /** 422 with every problem; the message is the one problem's own words, or a count. */
    static HttpError invalid(List<InputProblem> problems) {
        String message = problems.size() == 1 ? "invalid input: " + where(problems.get(0).path()) + problems.get(0).message()
                : "invalid input: " + problems.size() + " problems";
        return new HttpError(422, message, problems, Map.of());
    }

    static HttpError notFound(String message) { return new HttpError(404, message); }

    private static String where(String path) { return path == null || path.isEmpty() ? "" : path + ": "; }
}
