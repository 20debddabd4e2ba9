package io.devplace.rules;

/**
 * Thrown when a variable binding does not apply (a division that is not exact): the binding is skipped, not an error.
 * It is a {@link TemplateException} so that a caller that does not iterate over bindings sees an ordinary template error.
 */
final class SkipBinding extends TemplateException {
    SkipBinding(String why) { super(why, false); }
}
