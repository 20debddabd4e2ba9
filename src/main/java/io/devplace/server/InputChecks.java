package io.devplace.server;

import io.devplace.model.InputProblem;
import io.devplace.model.InvalidInputException;
import io.devplace.model.Policy;
import io.devplace.problem.FleetView;

import java.util.List;

/**
 * How documents are validated: exactly as the command line does it. The command line supplies this (the server does
 * not depend on the cli package, which depends on it); both methods throw {@link InvalidInputException} with every
 * problem, each naming where it is.
 */
public interface InputChecks {
    /** A fleet document read, checked and resolved against the rule packs, with its warnings and digest. */
    record LoadedFleet(FleetView view, List<InputProblem> warnings, String digest) {}

    LoadedFleet fleet(String name, byte[] bytes);

    /** A policy with defaults filled in and checked; {@code where} names it in messages. */
    Policy policy(Policy policy, String where);
}
