package io.devplace.problem;

/** An existing instance no VM owns: it consumes capacity (and locks exclusive parents) until removed or reused. */
public record FreeMdev(ParentView parent, String uuid, String type, long aggregation) {
    public ParentClaim removal() { return new ParentClaim(parent, ParentClaim.Kind.REMOVE, type, aggregation, uuid); }
}
