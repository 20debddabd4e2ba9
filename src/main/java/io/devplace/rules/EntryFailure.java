package io.devplace.rules;

/** Why one compatible entry did not match a target: the first failing field (or "attrs.X"), and a sentence. */
public record EntryFailure(int entry, String field, String detail) {
    @Override
    public String toString() { return "compatible[" + entry + "] " + field + ": " + detail; }
}
