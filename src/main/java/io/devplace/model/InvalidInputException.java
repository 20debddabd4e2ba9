package io.devplace.model;

import java.util.List;
import java.util.stream.Collectors;

/** Input that cannot be used (exit 4). Carries every problem found, each naming file, path and expectation. */
public class InvalidInputException extends RuntimeException {
    private final List<InputProblem> problems;

    public InvalidInputException(List<InputProblem> problems) {
        super(problems.stream().map(InputProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(InputProblem problem) { this(List.of(problem)); }

    public InvalidInputException(String file, String path, String message) {
        this(new InputProblem(file, path, 0, 0, message));
    }

    public List<InputProblem> problems() { return problems; }
}
