package io.devplace.rules;

/** Thrown when a variable binding does not apply (a division that is not exact): the binding is skipped, not an error. */
final class SkipBinding extends RuntimeException {
    SkipBinding(String why) { super(why, null, false, false); }
}
