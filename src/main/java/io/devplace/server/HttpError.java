package io.devplace.server;

import io.devplace.model.InputProblem;

import java.util.List;
import java.util.Map;

/** A request the service refuses, with the status to answer, a message for people and, for invalid input, every problem. */
final class HttpError extends RuntimeException {
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

    static HttpError badRequest(String message) { return new HttpError(400, message); }

    static HttpError invalid(String message) { return new HttpError(422, message); }

    static HttpError notFound(String message) { return new HttpError(404, message); }
}
