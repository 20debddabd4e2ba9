package io.devplace.cli;

import io.devplace.model.Policy;
import picocli.CommandLine.Option;

/**
 * {@code --policy FILE} alone, for commands that read a policy but never solve (validate, verify, export): a time
 * limit would mean nothing there, so they do not offer {@code --time-limit}.
 */
public final class PolicyFileInput {
    @Option(names = "--policy", paramLabel = "FILE", description = "Policy document (kind: Policy).")
    String file;

    public Policy load() { return PolicyInput.load(file, null); }
}
